using System;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LabelOps.Engine
{
    /// <summary>
    /// Builds the Polly pipeline every request of a session runs through: a bound on the whole call, retries with
    /// exponential backoff and jitter (or the service's Retry-After), and a bound on each attempt. What is retried
    /// is decided by <see cref="RetryRules"/>; this class only wires those rules into Polly.
    /// </summary>
    internal static class ResiliencePipelineFactory
    {
        public static readonly ResiliencePropertyKey<AttemptState> StateKey = new ResiliencePropertyKey<AttemptState>("LabelOps.Attempt");

        public static ResiliencePipeline<ApiResponse> Create(SessionOptions options, TimeProvider timeProvider)
        {
            var builder = new ResiliencePipelineBuilder<ApiResponse> { TimeProvider = timeProvider };
            // A download that keeps receiving is not late however long it takes: neither the call's nor the
            // attempt's cap applies to it (it has a header and an idle timeout of its own, ServiceConnection).
            builder.AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => new ValueTask<TimeSpan>(UnlessStreaming(args.Context, options.TotalTimeout)) });
            if (options.MaximumRetryCount > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<ApiResponse>
                {
                    MaxRetryAttempts = options.MaximumRetryCount,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryInterval,
                    MaxDelay = options.MaximumRetryDelay,
                    ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(ServiceRequestedDelay(args.Outcome, options, timeProvider)),
                    OnRetry = args =>
                    {
                        var state = args.Context.Properties.GetValue(StateKey, null!);
                        state.ReportRetry(args.AttemptNumber + 1, options.MaximumRetryCount, args.RetryDelay, args.Outcome);
                        return default;
                    },
                });
            }
            // Inside the retry, so every attempt waits for a token and for the service's budget; outside the
            // attempt timeout, so waiting is not mistaken for a slow answer. One gate per session: runspaces share it.
            var gate = new SessionRateGate(options, timeProvider);
            builder.AddStrategy(_ => new SessionRateGateStrategy(gate), new SessionRateGateOptions());
            builder.AddTimeout(new TimeoutStrategyOptions { TimeoutGenerator = args => new ValueTask<TimeSpan>(UnlessStreaming(args.Context, options.Timeout)) });
            return builder.Build();
        }

        private static TimeSpan UnlessStreaming(ResilienceContext context, TimeSpan timeout) =>
            context.Properties.GetValue(StateKey, null!)?.StreamsBody == true ? System.Threading.Timeout.InfiniteTimeSpan : timeout;

        private static bool ShouldRetry(Outcome<ApiResponse> outcome, ResilienceContext context)
        {
            var state = context.Properties.GetValue(StateKey, null!);
            if (outcome.Exception != null)
            {
                var failure = AttemptFailures.Classify(outcome.Exception, context.CancellationToken.IsCancellationRequested);
                return RetryRules.ShouldRetryFailure(state.Request.Kind, failure);
            }
            return RetryRules.ShouldRetryStatus(state.Request.Kind, outcome.Result!.Status);
        }

        private static TimeSpan? ServiceRequestedDelay(Outcome<ApiResponse> outcome, SessionOptions options, TimeProvider timeProvider)
        {
            var requested = RetryAfter.ToDelay(outcome.Result?.RetryAfter, timeProvider.GetUtcNow());
            if (requested == null)
            {
                return null; // Polly's exponential backoff with jitter applies.
            }
            return requested.Value > options.MaximumRetryDelay ? options.MaximumRetryDelay : requested.Value;
        }

        internal static bool IsTimeout(Exception exception) => exception is TimeoutRejectedException;
    }
}
