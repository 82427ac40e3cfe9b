using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Polly;

namespace LabelOps.Engine
{
    /// <summary>
    /// The one gate every attempt of a session passes (all runspaces sharing the session share it): the client's
    /// token bucket (-MaxRequestsPerMinute), then what the service said in its answers. A 429 pauses every request
    /// of the session for its Retry-After; X-RateLimit-Remaining caps how many may start before the window's
    /// X-RateLimit-Reset, counting those still in flight as spent, so the session never sends the request that
    /// would be refused.
    /// </summary>
    /// <remarks>
    /// Written here rather than taken from System.Threading.RateLimiting because no limiter there takes its
    /// budget from the service's answers; the token bucket part is that library's.
    /// </remarks>
    internal sealed class SessionRateGate
    {
        /// <summary>Answers whose Reset lands this close together describe the same window (headers round to whole seconds).</summary>
        private static readonly TimeSpan SameWindow = TimeSpan.FromSeconds(1.5);

        private readonly object _lock = new object();
        private readonly RateLimiter? _bucket;
        private readonly TimeProvider _time;
        private readonly TimeSpan _pauseWithoutHeaders;
        private readonly TimeSpan _longestPause;
        private DateTimeOffset _pausedUntil;
        private long? _remaining;
        private DateTimeOffset _windowResetAt;
        private int _inFlight;

        public SessionRateGate(SessionOptions options, TimeProvider time)
        {
            _time = time;
            _bucket = options.MaxRequestsPerMinute.HasValue ? ResiliencePipelineFactory.CreateRateLimiter(options.MaxRequestsPerMinute.Value) : null;
            _pauseWithoutHeaders = options.RetryInterval > TimeSpan.Zero ? options.RetryInterval : TimeSpan.FromSeconds(1);
            _longestPause = options.MaximumRetryDelay;
        }

        /// <summary>Until when every request waits (after a 429, or with no requests left in the window).</summary>
        public DateTimeOffset PausedUntil
        {
            get { lock (_lock) return _pausedUntil; }
        }

        /// <summary>Waits for a token and for the service's budget, then counts the request as in flight.</summary>
        public async Task EnterAsync(CancellationToken cancellationToken)
        {
            if (_bucket != null)
            {
                using var lease = await _bucket.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            }
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = _time.GetUtcNow();
                    if (_pausedUntil > now)
                    {
                        wait = _pausedUntil - now;
                    }
                    else if (_remaining.HasValue && now < _windowResetAt && _remaining.Value - _inFlight <= 0)
                    {
                        wait = _windowResetAt - now;
                    }
                    else
                    {
                        _inFlight++;
                        return;
                    }
                }
                // Checked again after the wait: another answer may have moved the pause or opened a new window.
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Runs each attempt through the session's <see cref="SessionRateGate"/>; sits inside the retry, outside the attempt timeout.</summary>
    internal sealed class SessionRateGateStrategy : ResilienceStrategy<ApiResponse>
    {
        private readonly SessionRateGate _gate;

        public SessionRateGateStrategy(SessionRateGate gate) => _gate = gate;

        protected override async ValueTask<Outcome<ApiResponse>> ExecuteCore<TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<ApiResponse>>> callback,
            ResilienceContext context,
            TState state)
        {
            try
            {
                await _gate.EnterAsync(context.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception)
            {
                return Outcome.FromException<ApiResponse>(exception);
            }
            Outcome<ApiResponse> outcome = default;
            try
            {
                outcome = await callback(context, state).ConfigureAwait(false);
                return outcome;
            }
            finally
            {
                _gate.Leave(outcome.Result);
            }
        }
    }

    internal sealed class SessionRateGateOptions : ResilienceStrategyOptions
    {
    }
}
