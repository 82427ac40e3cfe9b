using System;
using System.Collections.Generic;

namespace LabelOps.Emulator.Logging;

/// <summary>One request as the emulator saw it and answered it.</summary>
/// <param name="Service">"hitl" (later also "ango").</param>
/// <param name="QueryString">As ASP.NET Core gives it: empty, or starting with '?'.</param>
/// <param name="Headers">All request headers; names lower-case, repeated values joined with ','.</param>
/// <param name="ResponseStatus">The status actually sent; 0 when the connection was dropped.</param>
/// <param name="FaultApplied">A short description of the injected fault, or null.</param>
public sealed record RecordedRequest(
    string Service,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int ResponseStatus,
    DateTimeOffset ReceivedAt,
    string? FaultApplied);
