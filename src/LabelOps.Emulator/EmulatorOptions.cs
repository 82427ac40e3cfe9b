using System;

namespace LabelOps.Emulator;

/// <summary>How an <see cref="EmulatorServer"/> listens and behaves.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Loopback address to listen on; port 0 picks a free port. Several may be separated by ';'.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>
    /// When set, jobs of accounts with <see cref="EmulatorAccount.SimulateWorkers"/> move from new to progress
    /// after this delay, and from progress to done (with fake annotations) after another.
    /// </summary>
    public TimeSpan? SimulatedWorkerDelay { get; set; }

    /// <summary>What <c>GET /v1/ip</c> answers.</summary>
    public string EgressIp { get; set; } = "203.0.113.10";

    /// <summary>Added before every answer of both services (accounts may set their own); null for none.</summary>
    public TimeSpan? Latency { get; set; }

    /// <summary>
    /// When set, every account starts with this many requests per minute (a fixed window) on the services named by
    /// <see cref="RateLimitScope"/>; over it the emulator answers 429 with Retry-After and X-RateLimit-* headers.
    /// </summary>
    public int? RateLimitPerMinute { get; set; }

    public RateLimitScope RateLimitScope { get; set; } = RateLimitScope.Ango;
}
