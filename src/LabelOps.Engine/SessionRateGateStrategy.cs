using System;
using System.Threading.Tasks;
using Polly;

namespace LabelOps.Engine
{
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
}
