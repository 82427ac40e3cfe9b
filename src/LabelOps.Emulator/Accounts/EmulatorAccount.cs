using System;
using System.Collections.Generic;

namespace LabelOps.Emulator;

/// <summary>One client account: its API key, its data per service, its fault plan and its request log.</summary>
public sealed class EmulatorAccount
{
    private readonly RequestLog _log = new();

    internal EmulatorAccount(string apiKey, bool simulateWorkers, TimeProvider time, ServerThrottle serverThrottle)
    {
        Throttle = new AccountThrottle(time, serverThrottle);
        ApiKey = apiKey;
        SimulateWorkers = simulateWorkers;
        Hitl = new HitlStore(time);
        Ango = new AngoStore(time);
    }

    public string ApiKey { get; }

    /// <summary>This account's HITL projects and jobs.</summary>
    public HitlStore Hitl { get; }

    /// <summary>This account's Ango Hub organisation: projects, tasks, assets and the rest.</summary>
    public AngoStore Ango { get; }

    public FaultPlan Faults { get; } = new();

    /// <summary>This account's rate limit and added latency (off by default), and how many 429s the limit sent.</summary>
    public AccountThrottle Throttle { get; }

    /// <summary>
    /// Snapshot, in arrival order, of every request authenticated as this account,
    /// including the ones answered with an injected fault.
    /// </summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>When true (and the server has a simulated worker delay), this account's jobs progress by themselves.</summary>
    public bool SimulateWorkers { get; set; }

    public void ClearRequests() => _log.Clear();

    internal RequestLog Log => _log;
}
