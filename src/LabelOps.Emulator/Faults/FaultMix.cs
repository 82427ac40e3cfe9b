using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Faults;

/// <summary>
/// Random faults for soak runs: each request of the account draws, from a seeded generator, whether it is
/// answered normally or with one of the kinds below, in the given percentages. The same seed and the same
/// order of requests give the same faults, so a failing soak can be replayed.
/// </summary>
/// <remarks>
/// A 429 is always answered before the handler runs (a rate limiter rejects before the service acts). Every
/// other kind is "ambiguous" and, for <see cref="AfterHandlerPercent"/> of the draws, runs the real handler
/// first: the job IS created, then the answer is a 500, a reset, a cut body or too slow. That is the case a
/// client must never repeat a create for. The deterministic <see cref="FaultPlan"/> takes precedence.
/// </remarks>
public sealed class FaultMix
{
    private readonly object _gate = new();
    private readonly Dictionary<FaultKind, int> _injected = new();
    private Random _random;
    private int _drawn;

    public FaultMix(int seed = 1)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    public int Seed { get; }

    public double RateLimitedWithRetryAfterPercent { get; init; }

    public double RateLimitedWithoutRetryAfterPercent { get; init; }

    /// <summary>Split evenly between 500, 502 and 503.</summary>
    public double ServerErrorPercent { get; init; }

    public double ConnectionResetPercent { get; init; }

    public double TruncatedBodyPercent { get; init; }

    /// <summary>Answers after <see cref="SlowDelay"/>, which should be longer than the client's per-attempt timeout.</summary>
    public double SlowResponsePercent { get; init; }

    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Value of Retry-After on the 429s that carry one (seconds).</summary>
    public string RetryAfter { get; init; } = "0";

    /// <summary>Share of the ambiguous faults that happen after the real handler ran (its side effects stay).</summary>
    public double AfterHandlerPercent { get; init; } = 50;

    /// <summary>Requests that drew a result so far (faulted or not).</summary>
    public int Drawn
    {
        get { lock (_gate) return _drawn; }
    }

    /// <summary>How many faults of each kind were injected so far.</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected
    {
        get { lock (_gate) return new Dictionary<FaultKind, int>(_injected); }
    }

    internal void Validate()
    {
        var percents = new[]
        {
            RateLimitedWithRetryAfterPercent, RateLimitedWithoutRetryAfterPercent, ServerErrorPercent,
            ConnectionResetPercent, TruncatedBodyPercent, SlowResponsePercent,
        };
        if (percents.Any(p => p < 0 || double.IsNaN(p)) || percents.Sum() > 100)
        {
            throw new ArgumentException("Fault percentages must be at least 0 and add up to at most 100.");
        }

        if (AfterHandlerPercent is < 0 or > 100 || SlowDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("afterHandlerPercent must be 0-100 and slowDelayMs not negative.");
        }
    }

    /// <summary>Draws this request's fault, or null for a normal answer.</summary>
    internal Fault? Draw()
    {
        double roll, afterRoll, statusRoll;
        lock (_gate)
        {
            _drawn++;
            roll = _random.NextDouble() * 100;
            afterRoll = _random.NextDouble() * 100;
            statusRoll = _random.NextDouble();
        }

        var kind = KindFor(roll);
        if (kind is null)
        {
            return null;
        }

        lock (_gate)
        {
            _injected[kind.Value] = _injected.GetValueOrDefault(kind.Value) + 1;
        }

        var afterHandler = afterRoll < AfterHandlerPercent;
        return kind.Value switch
        {
            FaultKind.RateLimitedWithRetryAfter => new Fault { Status = StatusCodes.Status429TooManyRequests, RetryAfter = RetryAfter },
            FaultKind.RateLimitedWithoutRetryAfter => new Fault { Status = StatusCodes.Status429TooManyRequests },
            FaultKind.ServerError => new Fault { Status = ServerErrors[(int)(statusRoll * ServerErrors.Length)], AfterHandler = afterHandler },
            FaultKind.ConnectionReset => new Fault { DropConnection = true, AfterHandler = afterHandler },
            FaultKind.TruncatedBody => new Fault { TruncatedBody = true, AfterHandler = afterHandler },
            _ => new Fault { Delay = SlowDelay, AfterHandler = afterHandler },
        };
    }

    private static readonly int[] ServerErrors = [StatusCodes.Status500InternalServerError, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable];

    private FaultKind? KindFor(double roll)
    {
        var bands = new (FaultKind Kind, double Percent)[]
        {
            (FaultKind.RateLimitedWithRetryAfter, RateLimitedWithRetryAfterPercent),
            (FaultKind.RateLimitedWithoutRetryAfter, RateLimitedWithoutRetryAfterPercent),
            (FaultKind.ServerError, ServerErrorPercent),
            (FaultKind.ConnectionReset, ConnectionResetPercent),
            (FaultKind.TruncatedBody, TruncatedBodyPercent),
            (FaultKind.SlowResponse, SlowResponsePercent),
        };
        var upper = 0.0;
        foreach (var (kind, percent) in bands)
        {
            upper += percent;
            if (roll < upper)
            {
                return kind;
            }
        }

        return null;
    }
}
