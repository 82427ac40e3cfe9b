using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>
    /// What every LabelOps cmdlet shares: running asynchronous engine calls while writing only from the pipeline
    /// thread, Ctrl+C (StopProcessing) cancelling in-flight requests and backoff waits, and failures becoming
    /// non-terminating error records for the item at hand.
    /// </summary>
    public abstract class LabelOpsCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the pipeline is stopped (Ctrl+C); every request and wait of the cmdlet observes it.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing()
        {
            _stopping.Cancel();
            base.StopProcessing();
        }

        /// <summary>Runs <paramref name="work"/> on the thread pool and writes what it posts until it ends. Failures propagate.</summary>
        private protected void RunAsync(Func<PipelineBridge, CancellationToken, Task> work)
        {
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                var bridge = new PipelineBridge(linked.Token) { DebugEnabled = PipelineBridge.DebugWanted(this) };
                var task = Task.Run(() => work(bridge, linked.Token));
                try
                {
                    bridge.Pump(this, task);
                }
                catch
                {
                    // Writing failed (typically the pipeline is stopping): stop the work too, then let PowerShell see why.
                    linked.Cancel();
                    task.ContinueWith(t => t.Exception, TaskScheduler.Default);
                    throw;
                }
                try
                {
                    task.GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    throw new PipelineStoppedException();
                }
            }
        }

        /// <summary>Runs one call and returns its result, writing its verbose and debug text as it goes.</summary>
        private protected T Invoke<T>(Func<PipelineBridge, CancellationToken, Task<T>> call)
        {
            var result = default(T)!;
            RunAsync(async (bridge, token) => result = await call(bridge, token).ConfigureAwait(false));
            return result;
        }

        /// <summary>Runs the work for one pipeline item; a LabelOps failure becomes a non-terminating error for that item.</summary>
        private protected void RunForItem(object? target, Func<PipelineBridge, CancellationToken, Task> work)
        {
            try
            {
                RunAsync(work);
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, target));
            }
        }

        /// <summary>
        /// For each id the user confirms (ShouldProcess on "<paramref name="noun"/> id"), runs the work as its own item:
        /// the shape of every cmdlet that deletes things by id.
        /// </summary>
        private protected void ForEachConfirmed(string[] ids, string noun, string action, Func<string, PipelineBridge, CancellationToken, Task> work)
        {
            foreach (var id in ids)
            {
                if (ShouldProcess(noun + " " + id, action))
                {
                    RunForItem(id, (bridge, token) => work(id, bridge, token));
                }
            }
        }

        /// <summary>Stops the command with a LabelOps error (for failures that leave nothing sensible to do next).</summary>
        protected void ThrowTerminating(LabelOpsException failure, object? target) =>
            ThrowTerminatingError(ErrorRecords.From(failure, target));

        /// <summary>Resolves a PowerShell path (relative, PSDrive) to a file-system path without requiring it to exist.</summary>
        protected string ResolveFilePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}
