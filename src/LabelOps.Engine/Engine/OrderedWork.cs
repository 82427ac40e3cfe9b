using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine
{
    /// <summary>
    /// Runs one call per item with at most <c>limit</c> in flight and hands each finished call to <c>write</c> in
    /// input order. The async counterpart of the module's ThrottledItems, with the same rule: a slot frees when any
    /// call ends, not only the oldest, so one slow upload does not hold back the rest; finished calls wait (at most
    /// <see cref="QueuedPerSlot"/> per slot) to be written in order. For work that has its items first (the engine's
    /// AngoAssetImport, Set-AngoTaskAssignee). Each call is started once, so a create is never sent twice by this.
    /// </summary>
    internal static class OrderedWork
    {
        /// <summary>Finished calls that may wait behind a slow one, per slot, before no new call starts.</summary>
        internal const int QueuedPerSlot = 4;

        /// <param name="write">Called in input order with the item and its finished call (which may have failed).</param>
        public static async Task RunAsync<TItem, TResult>(
            IEnumerable<TItem> items,
            int limit,
            Func<TItem, CancellationToken, Task<TResult>> work,
            Action<TItem, Task<TResult>> write,
            CancellationToken cancellationToken)
        {
            var inFlight = new Queue<(TItem Item, Task<TResult> Work)>();
            int Running()
            {
                var count = 0;
                foreach (var entry in inFlight)
                {
                    if (!entry.Work.IsCompleted) count++;
                }
                return count;
            }
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
                var slots = Math.Max(1, limit);
                foreach (var item in items)
                {
                    while (Running() >= slots || inFlight.Count >= slots * QueuedPerSlot)
                    {
                        if (inFlight.Peek().Work.IsCompleted)
                        {
                            await WriteOldest().ConfigureAwait(false);
                            continue;
                        }
                        var running = new List<Task>();
                        foreach (var entry in inFlight)
                        {
                            if (!entry.Work.IsCompleted) running.Add(entry.Work);
                        }
                        // All may have ended since the head was looked at (Task.WhenAny refuses an empty list).
                        if (running.Count > 0) await Task.WhenAny(running).ConfigureAwait(false);
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                    inFlight.Enqueue((item, Task.Run(() => work(item, cancellationToken), cancellationToken)));
                    while (inFlight.Peek().Work.IsCompleted)
                    {
                        await WriteOldest().ConfigureAwait(false);
                        if (inFlight.Count == 0) break;
                    }
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
