using System;
using System.Threading;
using LabelOps.Emulator;

namespace LabelOps.Tests.Infrastructure
{
    /// <summary>
    /// One emulator for the whole test run. Tests stay independent because each creates its own account (its own
    /// key, projects, jobs, faults and request log), so they can run in parallel against it.
    /// </summary>
    public static class SharedEmulator
    {
        private static readonly Lazy<EmulatorServer> Instance = new Lazy<EmulatorServer>(Start, LazyThreadSafetyMode.ExecutionAndPublication);

        public static EmulatorServer Server => Instance.Value;

        private static EmulatorServer Start()
        {
            var server = EmulatorServer.StartAsync(new EmulatorOptions()).GetAwaiter().GetResult();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return server;
        }
    }
}
