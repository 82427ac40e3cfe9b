using System;

namespace LabelOps.Emulator.Throttling;

/// <summary>Server-wide settings: the latency of accounts that set none, and the rate limit new accounts start with.</summary>
public sealed class ServerThrottle
{
    /// <summary>Added before every answer of accounts without a latency of their own; null for none.</summary>
    public TimeSpan? Latency { get; set; }

    /// <summary>The per-minute limit each account created from now on starts with; null for none.</summary>
    public int? RateLimitPerMinute { get; set; }

    public RateLimitScope RateLimitScope { get; set; } = RateLimitScope.Ango;
}
