using System;
using System.Collections.Generic;
using System.Globalization;

namespace LabelOps.Emulator.Faults;

/// <summary>
/// What to do instead of (or after) the real handler. A fault with only <see cref="Delay"/> (and perhaps
/// <see cref="RetryAfter"/>) waits and then lets the real handler answer.
/// </summary>
public sealed record Fault
{
    /// <summary>Respond with this status and the service's error body, e.g. <c>{"detail":"Injected fault"}</c>.</summary>
    public int? Status { get; init; }

    /// <summary>Value of the Retry-After header (seconds or an HTTP date).</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Wait this long before answering; ends early if the client gives up.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Abort the connection without any response.</summary>
    public bool DropConnection { get; init; }

    /// <summary>Answer (by default) 200 with a JSON body cut in half and no Content-Length.</summary>
    public bool TruncatedBody { get; init; }

    /// <summary>Answer with an HTML error page, as a proxy in front of the service would (status defaults to 502).</summary>
    public bool HtmlBody { get; init; }

    /// <summary>Answer (by default with 302) with a redirect to this absolute or relative URL.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>Answer (by default with 200) with exactly this body, e.g. plain text or JSON of the wrong shape.</summary>
    public string? Body { get; init; }

    /// <summary>Content type of <see cref="Body"/>; application/json when null.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Send the (real) body slowly: <see cref="BodyChunkBytes"/> bytes, then this pause, and so on, as over a slow
    /// link. The answer keeps arriving, so a client must not take it for a timeout.
    /// </summary>
    public TimeSpan? BodyChunkDelay { get; init; }

    /// <summary>The size of each piece of a slow body (<see cref="BodyChunkDelay"/>).</summary>
    public int BodyChunkBytes { get; init; } = 1024;

    /// <summary>
    /// Run the real handler first, so that its side effects happen (e.g. the job IS created),
    /// then replace its response with the fault.
    /// </summary>
    public bool AfterHandler { get; init; }

    /// <summary>True when the fault replaces the response rather than only delaying it.</summary>
    internal bool ReplacesResponse => Status is not null || DropConnection || TruncatedBody || HtmlBody || Body is not null || RedirectTo is not null;

    internal string Describe()
    {
        var parts = new List<string>();
        if (Delay is { } delay)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"delay {delay.TotalMilliseconds:0}ms"));
        }

        if (BodyChunkDelay is { } chunkDelay)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"slow body {BodyChunkBytes} bytes every {chunkDelay.TotalMilliseconds:0}ms"));
        }

        if (DropConnection)
        {
            parts.Add("drop connection");
        }
        else if (HtmlBody)
        {
            parts.Add($"html {Status ?? 502}");
        }
        else if (RedirectTo is not null)
        {
            parts.Add($"redirect {Status ?? 302} to {RedirectTo}");
        }
        else if (Body is not null)
        {
            parts.Add($"body {Status ?? 200} {ContentType ?? "application/json"}");
        }
        else if (TruncatedBody)
        {
            parts.Add($"truncated body {Status ?? 200}");
        }
        else if (Status is { } status)
        {
            parts.Add($"status {status}");
        }

        if (RetryAfter is not null)
        {
            parts.Add($"retry-after {RetryAfter}");
        }

        if (AfterHandler)
        {
            parts.Add("after handler");
        }

        return parts.Count == 0 ? "no-op" : string.Join(", ", parts);
    }
}
