using System.Runtime.CompilerServices;
using System.Threading;

namespace LabelOps.Tests.Infrastructure
{
    internal static class TestHostSetup
    {
        /// <summary>
        /// Tests run several synchronous PowerShell pipelines at once, each blocking a thread while its cmdlet's
        /// requests run on the pool. On a 2-core machine the pool starts with 2 threads and adds one about every
        /// half second, which would serialise concurrent requests and slow Ctrl+C tests; a higher floor removes
        /// that artefact of the test host (PowerShell itself runs pipelines on its own threads).
        /// </summary>
        [ModuleInitializer]
        internal static void RaiseThreadPoolFloor() => ThreadPool.SetMinThreads(64, 64);
    }
}
