using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>
    /// Runs one request per pipeline item with up to a fixed number in flight, and writes each item's result or
    /// error in input order, from the pipeline thread. Used by per-item bulk cmdlets (New-HitlJob, Stop-HitlJob).
    /// ForEach-Object -Parallel would need a runspace per item; a bounded window of tasks costs nothing.
    /// </summary>
    internal sealed class ThrottledItems
    {
        /// <summary>Finished items that may wait behind a slow one, per slot, before no new request starts.</summary>
        private const int QueuedPerSlot = 4;

        private readonly Cmdlet _cmdlet;
        private readonly int _limit;
        private readonly CancellationToken _stopping;
        private readonly PipelineBridge _bridge;
        private readonly Queue<(object? Target, Task<object?> Work)> _inFlight = new Queue<(object?, Task<object?>)>();

        public ThrottledItems(Cmdlet cmdlet, int limit, CancellationToken stopping)
        {
            _cmdlet = cmdlet;
            _limit = Math.Max(1, limit);
            _stopping = stopping;
            _bridge = new PipelineBridge(stopping) { DebugEnabled = PipelineBridge.DebugWanted(cmdlet) };
        }

        /// <summary>Starts the item's work once a slot is free; writes finished items (in order) while waiting.</summary>
        public void Add(object? target, Func<PipelineBridge, CancellationToken, Task<object?>> work)
        {
            // A slot frees when any request ends, not only the oldest: one slow answer does not hold back the
            // rest. Finished items wait in the queue to be written in order; the queue is bounded too.
            while (Running() >= _limit || _inFlight.Count >= _limit * QueuedPerSlot)
            {
                if (_inFlight.Peek().Work.IsCompleted)
                {
                    WriteOldest();
                    continue;
                }
                var running = new List<Task>();
                foreach (var item in _inFlight)
                {
                    if (!item.Work.IsCompleted) running.Add(item.Work);
                }
                // All may have ended since the head was looked at (Task.WhenAny refuses an empty list).
                if (running.Count > 0) _bridge.PumpUntil(_cmdlet, Task.WhenAny(running));
            }
            _inFlight.Enqueue((target, Task.Run(() => work(_bridge, _stopping))));
            while (_inFlight.Count > 0 && _inFlight.Peek().Work.IsCompleted)
            {
                WriteOldest();
            }
            _bridge.WriteAvailable(_cmdlet);
        }

        private int Running()
        {
            var running = 0;
            foreach (var item in _inFlight)
            {
                if (!item.Work.IsCompleted) running++;
            }
            return running;
        }

        /// <summary>Waits for every item still in flight and writes them in order.</summary>
        public void Complete()
        {
            while (_inFlight.Count > 0)
            {
                WriteOldest();
            }
        }

        private void WriteOldest()
        {
            var (target, work) = _inFlight.Dequeue();
            try
            {
                WriteResult(work);
            }
            catch (LabelOpsException failure)
            {
                try
                {
                    _cmdlet.WriteError(ErrorRecords.From(failure, target));
                }
                catch (RuntimeException) when (!_stopping.IsCancellationRequested)
                {
                    // -ErrorAction Stop made the error terminating. The items behind it were sent already and
                    // may have been created: write what they made before the command ends, or a re-run would
                    // make them again.
                    WriteRestAfterStop();
                    throw;
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>After a terminating error: waits for the items in flight, writes their results and warns of their failures.</summary>
        private void WriteRestAfterStop()
        {
            while (_inFlight.Count > 0)
            {
                try
                {
                    WriteResult(_inFlight.Dequeue().Work);
                }
                catch (LabelOpsException failure)
                {
                    _cmdlet.WriteWarning("Also failed, after the error that stopped the command: " + failure.Message);
                }
            }
        }

        /// <summary>Waits for the item's work (writing what it reports meanwhile) and writes its result; rethrows its failure.</summary>
        private void WriteResult(Task<object?> work)
        {
            _bridge.PumpUntil(_cmdlet, work);
            var result = work.GetAwaiter().GetResult();
            if (result != null)
            {
                _cmdlet.WriteObject(result);
            }
        }
    }
}
