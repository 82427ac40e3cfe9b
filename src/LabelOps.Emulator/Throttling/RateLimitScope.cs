using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Throttling;

/// <summary>Which services an account's rate limit counts.</summary>
public enum RateLimitScope
{
    Ango,
    Hitl,
    All,
}
