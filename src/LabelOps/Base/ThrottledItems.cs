using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>
    /// Bulk work of pipeline items (New-HitlJob, Stop-HitlJob) on the engine's <see cref="OrderedWindow{TItem, TResult}"/>:
    /// one request per item, written (result or error) in input order from the pipeline thread, which writes what
    /// the requests report while it waits. ForEach-Object -Parallel would need a runspace per item; a bounded window
    /// of tasks costs nothing.
    /// </summary>
    internal sealed class ThrottledItems
    {
        private readonly Cmdlet _cmdlet;
        private readonly CancellationToken _stopping;
        private readonly PipelineBridge _bridge;
        private readonly OrderedWindow<object?, object?> _window;

        public ThrottledItems(Cmdlet cmdlet, int limit, CancellationToken stopping)
        {
            _cmdlet = cmdlet;
            _stopping = stopping;
            _bridge = new PipelineBridge(stopping) { DebugEnabled = PipelineBridge.DebugWanted(cmdlet) };
            _window = new OrderedWindow<object?, object?>(limit);
        }

        /// <summary>Starts the item's work once the window has room; writes finished items (in order) while waiting.</summary>
        public void Add(object? target, Func<PipelineBridge, CancellationToken, Task<object?>> work)
        {
            try
            {
                object? done;
                Task<object?> call;
                while (!_window.HasRoom)
                {
                    if (_window.TryTakeFinished(out done, out call)) Write(done, call);
                    else _bridge.PumpUntil(_cmdlet, _window.AnyRunningEnds());
                }
                _window.Start(target, () => work(_bridge, _stopping), CancellationToken.None);
                while (_window.TryTakeFinished(out done, out call)) Write(done, call);
                _bridge.WriteAvailable(_cmdlet);
            }
            catch
            {
                _window.Abandon();
                throw;
            }
        }

        /// <summary>Waits for every item still in flight and writes them in order.</summary>
        public void Complete()
        {
            try
            {
                while (_window.TryTakeOldest(out var target, out var call)) Write(target, call);
            }
            catch
            {
                _window.Abandon();
                throw;
            }
        }

        private void Write(object? target, Task<object?> call)
        {
            try
            {
                WriteResult(call);
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
            while (_window.TryTakeOldest(out _, out var call))
            {
                try
                {
                    WriteResult(call);
                }
                catch (LabelOpsException failure)
                {
                    _cmdlet.WriteWarning("Also failed, after the error that stopped the command: " + failure.Message);
                }
            }
        }

        /// <summary>Waits for the item's work (writing what it reports meanwhile) and writes its result; rethrows its failure.</summary>
        private void WriteResult(Task<object?> call)
        {
            _bridge.PumpUntil(_cmdlet, call);
            var result = call.GetAwaiter().GetResult();
            if (result != null)
            {
                _cmdlet.WriteObject(result);
            }
        }
    }
}
