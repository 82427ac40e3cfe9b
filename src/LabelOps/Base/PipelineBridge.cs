using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
    internal sealed class PipelineBridge : IRequestObserver, IDebugAwareObserver
    {
        // Bounded, so work that produces faster than the pipeline consumes waits instead of buffering everything
        // (a 100,000-task listing holds at most this many objects plus two pages).
        private const int Capacity = 1024;
        private readonly BlockingCollection<Action<Cmdlet>> _queue = new BlockingCollection<Action<Cmdlet>>(Capacity);
        private readonly CancellationToken _stopping;
        private readonly SemaphoreSlim _batchSlots = new SemaphoreSlim(8);

        public PipelineBridge(CancellationToken stopping)
        {
            _stopping = stopping;
        }

        /// <summary>Whether the cmdlet's debug text is shown (-Debug or $DebugPreference); when not, none is built.</summary>
        public bool DebugEnabled { get; set; } = true;

        /// <summary>Whether WriteDebug of this cmdlet reaches anyone: -Debug, or a $DebugPreference other than SilentlyContinue/Ignore.</summary>
        internal static bool DebugWanted(Cmdlet cmdlet)
        {
            if (!(cmdlet is PSCmdlet command)) return true;
            if (command.MyInvocation.BoundParameters.TryGetValue("Debug", out var bound))
            {
                return bound is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(bound);
            }
            var preference = command.GetVariableValue("DebugPreference");
            if (preference == null) return false;
            if (!LanguagePrimitives.TryConvertTo<ActionPreference>(preference, out var value)) return true;
            return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
        }

        public void WriteObject(object? value) => Post(c => c.WriteObject(value));

        /// <summary>
        /// Writes several objects with one hand-over to the pipeline thread instead of one each: a listing hands
        /// over a page's worth at a time, which saves a thread wake-up per object on a busy machine. Batches wait
        /// for one of a few slots, so what is queued stays bounded by objects, not by batches.
        /// </summary>
        public void WriteObjects(IReadOnlyList<object?> values)
        {
            if (values.Count == 0) return;
            try
            {
                _batchSlots.Wait(_stopping);
            }
            catch (OperationCanceledException)
            {
                return; // The pipeline is stopping; late objects have nowhere to go.
            }
            Post(c =>
            {
                try
                {
                    foreach (var value in values) c.WriteObject(value);
                }
                finally
                {
                    _batchSlots.Release();
                }
            });
        }

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
