using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace LabelOps.Engine
{
    /// <summary>
    /// The one gate every attempt of a session passes (all runspaces sharing the session share it): the client's
    /// limit (-MaxRequestsPerMinute), then what the service said in its answers. A 429 pauses every request
    /// of the session for its Retry-After; X-RateLimit-Remaining caps how many may start before the window's
    /// X-RateLimit-Reset, counting those still in flight as spent, so the session never sends the request that
    /// would be refused.
    /// </summary>
    /// <remarks>
    /// The client limit is a sliding log: the start times of the last N attempts. An attempt starts at once while
    /// fewer than N started in the last minute, else when the oldest of them is a minute (and a margin) old. So the
    /// whole allowance is spent as soon as it is there (600 requests under 300/min take one minute, not the two an
    /// evenly refilled token bucket takes), and no 60 s span ever holds more than N starts, however the service
    /// aligns its windows, fixed or sliding.
    /// Written here rather than taken from System.Threading.RateLimiting: its SlidingWindowRateLimiter frees a
    /// segment's permits on a timer tick, so a permit can come back up to a segment (and the timer's jitter) early —
    /// measured: 5 per second let requests 0 and 5 start 0.955 s apart — and it does not run on a TimeProvider; no
    /// limiter there takes its budget from the service's answers either. N timestamps are the whole cost.
    /// </remarks>
    internal sealed class SessionRateGate
    {
        /// <summary>Answers whose Reset lands this close together describe the same window (headers round to whole seconds).</summary>
        private static readonly TimeSpan SameWindow = TimeSpan.FromSeconds(1.5);

        private readonly object _lock = new object();
        /// <summary>
        /// A permit is reused this long after a period, not exactly at it: requests reach the service a little after
        /// they start here, and not always in the order they started, so an exact reuse could land in its window.
        /// </summary>
        internal static TimeSpan ReuseMargin(TimeSpan period) => TimeSpan.FromTicks(period.Ticks / 100);

        private readonly int? _allowance;
        private readonly TimeSpan _period;
        private readonly TimeSpan _reuseAfter;
        private readonly Queue<DateTimeOffset> _starts = new Queue<DateTimeOffset>();
        private readonly TimeProvider _time;
        private readonly TimeSpan _pauseWithoutHeaders;
        private readonly TimeSpan _longestPause;
        private DateTimeOffset _pausedUntil;
        private long? _remaining;
        private DateTimeOffset _windowResetAt;
        private int _inFlight;

        public SessionRateGate(SessionOptions options, TimeProvider time)
            : this(options, time, TimeSpan.FromMinutes(1))
        {
        }

        /// <summary>With the client limit's period given: MaxRequestsPerMinute per <paramref name="period"/> (tests use seconds).</summary>
        internal SessionRateGate(SessionOptions options, TimeProvider time, TimeSpan period)
        {
            _time = time;
            _allowance = options.MaxRequestsPerMinute;
            _period = period;
            _reuseAfter = period + ReuseMargin(period);
            _pauseWithoutHeaders = options.RetryInterval > TimeSpan.Zero ? options.RetryInterval : TimeSpan.FromSeconds(1);
            _longestPause = options.MaximumRetryDelay;
        }

        /// <summary>Until when every request waits (after a 429, or with no requests left in the window).</summary>
        public DateTimeOffset PausedUntil
        {
            get { lock (_lock) return _pausedUntil; }
        }

        /// <summary>Waits for the client limit and for the service's budget, then counts the request as started and in flight.</summary>
        public async Task EnterAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var wait = TryEnter(_time.GetUtcNow());
                if (wait == null)
                {
                    return;
                }
                // Checked again after the wait: another answer may have moved the pause or opened a new window.
                await Task.Delay(wait.Value < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The gate's decision at <paramref name="now"/>: null when the request may start (it is then counted as
        /// started and in flight), otherwise how long to wait before asking again.
        /// </summary>
        internal TimeSpan? TryEnter(DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_pausedUntil > now)
                {
                    return _pausedUntil - now;
                }
                if (_remaining.HasValue && now < _windowResetAt && _remaining.Value - _inFlight <= 0)
                {
                    return _windowResetAt - now;
                }
                if (_allowance.HasValue && _starts.Count >= _allowance.Value && _starts.Peek() + _reuseAfter > now)
                {
                    return _starts.Peek() + _reuseAfter - now;
                }
                if (_allowance.HasValue)
                {
                    if (_starts.Count >= _allowance.Value) _starts.Dequeue();
                    _starts.Enqueue(now);
                }
                _inFlight++;
                return null;
            }
        }

        /// <summary>Reads what the answer says about the limit (null when the attempt failed without one).</summary>
        public void Leave(ApiResponse? response)
        {
            lock (_lock)
            {
                _inFlight--;
                if (response != null)
                {
                    Observe(response, _time.GetUtcNow());
                }
            }
        }

        private void Observe(ApiResponse response, DateTimeOffset now)
        {
            var headers = response.RateLimit;
            if (headers?.Remaining != null && headers.Reset != null)
            {
                var resetAt = now + headers.Reset.Value;
                if (!_remaining.HasValue || now >= _windowResetAt || resetAt > _windowResetAt + SameWindow)
                {
                    _remaining = headers.Remaining; // a new window
                    _windowResetAt = resetAt;
                }
                else if (resetAt >= _windowResetAt - SameWindow)
                {
                    // The same window: counts only go down, and answers arrive out of order.
                    _remaining = Math.Min(_remaining.Value, headers.Remaining.Value);
                    if (resetAt > _windowResetAt) _windowResetAt = resetAt;
                }
                // Otherwise a late answer from a window already over: ignored.
                if (headers.Remaining == 0)
                {
                    PauseUntil(resetAt, now);
                }
            }
            if (response.Status == 429)
            {
                var delay = RetryAfter.ToDelay(response.RetryAfter, now) ?? headers?.Reset ?? _pauseWithoutHeaders;
                PauseUntil(now + delay, now);
            }
        }

        private void PauseUntil(DateTimeOffset until, DateTimeOffset now)
        {
            if (until > now + _longestPause) until = now + _longestPause;
            if (until > _pausedUntil) _pausedUntil = until;
        }
    }
}
