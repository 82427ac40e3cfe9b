using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>
    /// Carries what asynchronous work produces (objects, errors, verbose, debug, progress) to the pipeline thread,
    /// the only thread PowerShell lets a cmdlet write from. Work posts; <see cref="Pump"/> runs on the pipeline
    /// thread and writes until the work ends.
    /// </summary>
    public sealed class PipelineBridge : IRequestObserver
    {
        // Bounded, so work that produces faster than the pipeline consumes waits instead of buffering everything
        // (a 100,000-task listing holds at most this many objects plus two pages).
        private const int Capacity = 1024;
        private readonly BlockingCollection<Action<Cmdlet>> _queue = new BlockingCollection<Action<Cmdlet>>(Capacity);
        private readonly CancellationToken _stopping;

        public PipelineBridge(CancellationToken stopping)
        {
            _stopping = stopping;
        }

        public void WriteObject(object? value) => Post(c => c.WriteObject(value));

        public void WriteError(ErrorRecord record) => Post(c => c.WriteError(record));

        public void WriteWarning(string message) => Post(c => c.WriteWarning(message));

        public void WriteProgress(ProgressRecord record) => Post(c => c.WriteProgress(record));

        public void Verbose(string message) => Post(c => c.WriteVerbose(message));

        public void Debug(string message) => Post(c => c.WriteDebug(message));

        private void Post(Action<Cmdlet> write)
        {
            try
            {
                _queue.Add(write, _stopping);
            }
            catch (OperationCanceledException)
            {
                // The pipeline is stopping; late messages have nowhere to go.
            }
            catch (InvalidOperationException)
            {
                // The pump has finished; late messages have nowhere to go.
            }
        }

        /// <summary>
        /// Writes what any work has posted, on the calling (pipeline) thread, until <paramref name="task"/> ends;
        /// other work sharing this bridge keeps running and its messages are written as they come.
        /// </summary>
        internal void PumpUntil(Cmdlet cmdlet, Task task)
        {
            using (var finished = new CancellationTokenSource())
            {
                task.ContinueWith(_ => finished.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                try
                {
                    while (!task.IsCompleted)
                    {
                        _queue.Take(finished.Token)(cmdlet);
                    }
                }
                catch (OperationCanceledException) when (task.IsCompleted)
                {
                }
                WriteAvailable(cmdlet);
            }
        }

        /// <summary>Writes whatever has been posted so far, without waiting.</summary>
        internal void WriteAvailable(Cmdlet cmdlet)
        {
            while (_queue.TryTake(out var write))
            {
                write(cmdlet);
            }
        }

        /// <summary>Writes everything the work posts, on the calling (pipeline) thread, until the work ends.</summary>
        internal void Pump(Cmdlet cmdlet, Task work)
        {
            work.ContinueWith(_ => _queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            foreach (var write in _queue.GetConsumingEnumerable())
            {
                write(cmdlet);
            }
        }
    }
}
