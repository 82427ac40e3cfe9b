using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine
{
    /// <summary>
    /// Runs one call per item with at most a fixed number in flight and hands each finished call to <c>write</c> in
    /// input order. The async counterpart of the module's ThrottledItems, for work that has its items first (the
    /// engine's AngoAssetImport, Set-AngoTaskAssignee). Each call is started once, so a create is never sent twice by this.
    /// </summary>
    internal static class OrderedWork
    {
        /// <param name="write">Called in input order with the item and its finished call (which may have failed).</param>
        public static async Task RunAsync<TItem, TResult>(
            IEnumerable<TItem> items,
            int limit,
            Func<TItem, CancellationToken, Task<TResult>> work,
            Action<TItem, Task<TResult>> write,
            CancellationToken cancellationToken)
        {
            var inFlight = new Queue<(TItem Item, Task<TResult> Work)>();
            async Task WriteOldest()
            {
                var (item, call) = inFlight.Dequeue();
                try
                {
                    await call.ConfigureAwait(false);
                }
                catch
                {
                    // The write callback decides what a failure means; it gets the failed call itself.
                }
                write(item, call);
            }
            try
            {
                foreach (var item in items)
                {
                    if (inFlight.Count >= Math.Max(1, limit))
                    {
                        await WriteOldest().ConfigureAwait(false);
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                    inFlight.Enqueue((item, Task.Run(() => work(item, cancellationToken), cancellationToken)));
                }
                while (inFlight.Count > 0)
                {
                    await WriteOldest().ConfigureAwait(false);
                }
            }
            finally
            {
                // Stopped early (Ctrl+C, a terminating failure): the calls still running see the same token.
                foreach (var (_, call) in inFlight)
                {
                    _ = call.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
    }
}
