using System;
using System.Diagnostics;
using System.Threading;

namespace LabelOps.Tests.Infrastructure
{
    public static class Conditions
    {
        /// <summary>Waits for something observable (e.g. the emulator has received a request) instead of sleeping a guessed time.</summary>
        public static void WaitUntil(Func<bool> condition, string what, int timeoutMilliseconds = 10000)
        {
            var watch = Stopwatch.StartNew();
            var spinner = new SpinWait();
            while (!condition())
            {
                if (watch.ElapsedMilliseconds > timeoutMilliseconds)
                {
                    throw new TimeoutException("Gave up waiting for: " + what);
                }
                spinner.SpinOnce(sleep1Threshold: 10);
            }
        }
    }
}
