using Polly;

namespace LabelOps.Engine
{
    internal sealed class SessionRateGateOptions : ResilienceStrategyOptions
    {
    }
}
