using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Throttling;

/// <summary>
/// An account's service limits: a rate limit (by default a fixed window, as API gateways commonly count, or a
/// sliding one; answering 429 with Retry-After and X-RateLimit-Limit/-Remaining/-Reset) and a latency added to every
/// answer. Both are off by default.
/// </summary>
/// <remarks>
/// Fixed by default because it is what the headers describe: the count left in this window and the seconds until
/// it starts again. The window starts at the first request counted. The sliding mode (<see cref="RateLimitMode"/>)
/// is the strictest reading of "N per minute" (no 60 s span above N), which a client limit must also survive.
/// </remarks>
public sealed class AccountThrottle
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly ServerThrottle _server;
    private int? _limit;
    private TimeSpan _window = TimeSpan.FromMinutes(1);
    private RateLimitScope _scope = RateLimitScope.Ango;
    private RateLimitMode _mode = RateLimitMode.Fixed;
    private readonly System.Collections.Generic.Queue<DateTimeOffset> _countedAt = new();
    private DateTimeOffset _windowStart;
    private int _used;
    private long _rejected;
    private long _counted;

    internal AccountThrottle(TimeProvider time, ServerThrottle server)
    {
        _time = time;
        _server = server;
        if (server.RateLimitPerMinute is { } perMinute)
        {
            _limit = perMinute;
            _scope = server.RateLimitScope;
        }
    }

    /// <summary>Requests allowed per window; null (the default) for no limit.</summary>
    public int? RateLimit
    {
        get { lock (_gate) return _limit; }
    }

    public TimeSpan RateLimitWindow
    {
        get { lock (_gate) return _window; }
    }

    public RateLimitScope RateLimitScope
    {
        get { lock (_gate) return _scope; }
    }

    public RateLimitMode RateLimitMode
    {
        get { lock (_gate) return _mode; }
    }

    /// <summary>Added before every answer of this account (null: the server-wide latency applies).</summary>
    public TimeSpan? Latency { get; set; }

    /// <summary>How many requests this account was refused with 429 by the rate limit (injected faults not counted).</summary>
    public long RateLimitedCount => Interlocked.Read(ref _rejected);

    /// <summary>How many requests the rate limit counted and let through.</summary>
    public long AllowedCount => Interlocked.Read(ref _counted);

    /// <summary>Sets (or with null removes) the rate limit; starts a new window and resets the counters.</summary>
    public void SetRateLimit(int? requestsPerWindow, TimeSpan? window = null, RateLimitScope scope = RateLimitScope.Ango, RateLimitMode mode = RateLimitMode.Fixed)
    {
        if (requestsPerWindow is < 1) throw new ArgumentException("The rate limit must be at least 1 request per window.");
        if (window is { } w && w <= TimeSpan.Zero) throw new ArgumentException("The rate-limit window must be positive.");
        lock (_gate)
        {
            _limit = requestsPerWindow;
            _window = window ?? TimeSpan.FromMinutes(1);
            _scope = scope;
            _mode = mode;
            _countedAt.Clear();
            _windowStart = default;
            _used = 0;
            Interlocked.Exchange(ref _rejected, 0);
            Interlocked.Exchange(ref _counted, 0);
        }
    }

    /// <summary>
    /// Waits the latency, then counts the request. Returns false after writing a 429 (the service's error body
    /// and the rate-limit headers) when the window's allowance is used up; true when the handler may answer.
    /// </summary>
    /// <param name="stopping">Cuts the latency short when the server stops (as does the client giving up).</param>
    internal async Task<bool> AdmitAsync(HttpContext context, ServiceProfile service, CancellationToken stopping)
    {
        if ((Latency ?? _server.Latency) is { } latency && latency > TimeSpan.Zero)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await Task.Delay(latency, _time, cancel.Token);
        }

        int limit, remaining;
        TimeSpan reset;
        lock (_gate)
        {
            if (_limit is not { } configured || !Counts(service))
            {
                return true;
            }

            var now = _time.GetUtcNow();
            limit = configured;
            bool admitted;
            if (_mode == RateLimitMode.Sliding)
            {
                while (_countedAt.Count > 0 && _countedAt.Peek() <= now - _window)
                {
                    _countedAt.Dequeue();
                }
                admitted = _countedAt.Count < limit;
                if (admitted) _countedAt.Enqueue(now);
                remaining = limit - _countedAt.Count;
                reset = _countedAt.Peek() + _window - now;
            }
            else
            {
                if (_windowStart == default || now >= _windowStart + _window)
                {
                    _windowStart = now;
                    _used = 0;
                }
                admitted = _used < limit;
                if (admitted) _used++;
                remaining = limit - _used;
                reset = _windowStart + _window - now;
            }
            if (admitted)
            {
                Interlocked.Increment(ref _counted);
                WriteHeaders(context.Response, limit, remaining, reset, retryAfter: false);
                return true;
            }
            Interlocked.Increment(ref _rejected);
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.ContentType = "application/json";
        WriteHeaders(context.Response, limit, remaining, reset, retryAfter: true);
        await context.Response.WriteAsync(service.ErrorBody("Too many requests: the limit is " + limit + " per " + FormatSeconds(RateLimitWindow) + " seconds"), context.RequestAborted);
        return false;
    }

    private bool Counts(ServiceProfile service) => _scope switch
    {
        RateLimitScope.All => true,
        RateLimitScope.Hitl => service is HitlServiceProfile,
        _ => service is AngoServiceProfile,
    };

    private static void WriteHeaders(HttpResponse response, int limit, int remaining, TimeSpan reset, bool retryAfter)
    {
        // Whole seconds, rounded up, as the headers are usually sent: a client that waits that long is never early.
        var seconds = ((long)Math.Ceiling(reset.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = seconds;
        if (retryAfter)
        {
            response.Headers.RetryAfter = seconds;
        }
    }

    private static string FormatSeconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
