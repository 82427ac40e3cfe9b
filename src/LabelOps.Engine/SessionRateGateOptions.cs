using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace LabelOps.Engine
{
    internal sealed class SessionRateGateOptions : ResilienceStrategyOptions
    {
    }
}
