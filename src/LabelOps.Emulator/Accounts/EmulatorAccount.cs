using System;
using System.Collections.Generic;
using System.Threading;

namespace LabelOps.Emulator.Accounts;

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

    /// <summary>Random faults drawn for every request the <see cref="Faults"/> plan does not match; null for none.</summary>
    public FaultMix? FaultMix
    {
        get => Volatile.Read(ref _faultMix);
        set
        {
            value?.Validate();
            Volatile.Write(ref _faultMix, value);
        }
    }

    private FaultMix? _faultMix;

    /// <summary>This account's rate limit and added latency (off by default), and how many 429s the limit sent.</summary>
    public AccountThrottle Throttle { get; }

    /// <summary>
    /// Snapshot, in arrival order, of every request authenticated as this account,
    /// including the ones answered with an injected fault.
    /// </summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>When true (and the server has a simulated worker delay), this account's jobs progress by themselves.</summary>
    public bool SimulateWorkers { get; set; }

    /// <summary>Requests of this account that arrived and have no answer yet; 0 once every client is quiet.</summary>
    public int RequestsInFlight => _log.InFlight;

    public void ClearRequests() => _log.Clear();

    internal RequestLog Log => _log;
}
