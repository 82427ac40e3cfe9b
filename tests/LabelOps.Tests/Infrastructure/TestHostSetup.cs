using System.Runtime.CompilerServices;
using System.Threading;

namespace LabelOps.Tests.Infrastructure
{
    internal static class TestHostSetup
    {
        /// <summary>
        /// Tests run in parallel, and some block a thread (the SDK-host test waits for its process, the control-route
        /// tests send synchronously to the in-process emulator) while the rate-gate tests time when each continuation
        /// runs. On a 2-core machine the pool starts with 2 threads and adds one about every half second, so a
        /// continuation can start late and a permit look reused early; a higher floor removes that artefact of the
        /// test host.
        /// </summary>
        [ModuleInitializer]
        internal static void RaiseThreadPoolFloor() => ThreadPool.SetMinThreads(64, 64);
    }
}
