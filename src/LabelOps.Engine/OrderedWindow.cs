using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine
{
    /// <summary>
    /// The one rule of bulk work: one call per item, started in input order and once only (so a create is never
    /// sent twice by this), at most <c>limit</c> running. A slot frees when any call ends, not only the oldest, so
    /// one slow upload does not hold back the rest; finished calls wait to be handed out in input order, and at
    /// most <see cref="OrderedWindow.QueuedPerSlot"/> per slot may wait, so memory stays bounded.
    /// The window neither waits nor writes: <see cref="OrderedWindow.RunAsync"/> awaits it (items known first:
    /// AngoAssetImport, Set-AngoTaskAssignee), the module's ThrottledItems pumps its pipeline bridge while it waits
    /// (pipeline items: New-HitlJob, Stop-HitlJob), and PageReader holds a listing's page requests in one.
    /// </summary>
    internal sealed class OrderedWindow<TItem, TResult>
    {
        private readonly Queue<(TItem Item, Task<TResult> Call)> _calls = new Queue<(TItem, Task<TResult>)>();
        private readonly int _slots;
        private readonly int _held;

        /// <param name="limit">Calls running at once.</param>
        /// <param name="held">Calls held at once, running or finished and waiting their turn; by default
        /// <see cref="OrderedWindow.QueuedPerSlot"/> per slot.</param>
        public OrderedWindow(int limit, int? held = null)
        {
            _slots = Math.Max(1, limit);
            _held = Math.Max(_slots, held ?? _slots * OrderedWindow.QueuedPerSlot);
        }

        /// <summary>Whether another call may start now: a slot is free and the finished calls waiting do not fill the queue.</summary>
        public bool HasRoom => Running < _slots && _calls.Count < _held;

        /// <summary>Calls held: running, or ended and not taken yet.</summary>
        public int Count => _calls.Count;

        /// <summary>Calls started and not ended yet.</summary>
        public int Running
        {
            get
            {
                var running = 0;
                foreach (var entry in _calls)
                {
                    if (!entry.Call.IsCompleted) running++;
                }
                return running;
            }
        }

        /// <summary>Starts the item's call (on the thread pool, so a call that blocks before its first await holds no one up).</summary>
        public void Start(TItem item, Func<Task<TResult>> call, CancellationToken cancellationToken)
        {
            Add(item, Task.Run(call, cancellationToken));
        }

        /// <summary>Holds a call the caller started itself (a page request, which awaits before any work of its own).</summary>
        public void Add(TItem item, Task<TResult> call)
        {
            _calls.Enqueue((item, call));
        }

        /// <summary>Takes the oldest call when it has ended: the next to be written, in input order.</summary>
        public bool TryTakeFinished(out TItem item, out Task<TResult> call)
        {
            if (_calls.Count > 0 && _calls.Peek().Call.IsCompleted) return TryTakeOldest(out item, out call);
            item = default!;
            call = null!;
            return false;
        }

        /// <summary>Takes the oldest call, ended or not (the caller waits for it): at the end of the input.</summary>
        public bool TryTakeOldest(out TItem item, out Task<TResult> call)
        {
            if (_calls.Count == 0)
            {
                item = default!;
                call = null!;
                return false;
            }
            (item, call) = _calls.Dequeue();
            return true;
        }

        /// <summary>
        /// Ends when any running call ends. Already ended when none is running: every call may have ended since the
        /// window was last looked at, and Task.WhenAny refuses an empty list.
        /// </summary>
        public Task AnyRunningEnds()
        {
            var running = new List<Task>();
            foreach (var entry in _calls)
            {
                if (!entry.Call.IsCompleted) running.Add(entry.Call);
            }
            return running.Count == 0 ? Task.CompletedTask : Task.WhenAny(running);
        }

        /// <summary>
        /// Stopped early (Ctrl+C, a terminating failure): the calls still in the window end by themselves (they see
        /// the same token), and their failures are observed, so none is reported as unobserved.
        /// </summary>
        public void Abandon()
        {
            while (_calls.Count > 0)
            {
                _ = _calls.Dequeue().Call.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Bulk work whose items are known first, as an async loop over an <see cref="OrderedWindow{TItem, TResult}"/>.</summary>
    internal static class OrderedWindow
    {
        /// <summary>Finished calls that may wait behind a slow one, per slot, before no new call starts.</summary>
        internal const int QueuedPerSlot = 16;

        /// <summary>Runs <paramref name="work"/> for each item, at most <paramref name="limit"/> at once.</summary>
        /// <param name="write">Called in input order with the item and its finished call (which may have failed).</param>
        public static async Task RunAsync<TItem, TResult>(
            IEnumerable<TItem> items,
            int limit,
            Func<TItem, CancellationToken, Task<TResult>> work,
            Action<TItem, Task<TResult>> write,
            CancellationToken cancellationToken)
        {
            var window = new OrderedWindow<TItem, TResult>(limit);
            TItem done;
            Task<TResult> call;
            try
            {
                foreach (var item in items)
                {
                    while (!window.HasRoom)
                    {
                        if (window.TryTakeFinished(out done, out call)) write(done, call);
                        else await window.AnyRunningEnds().ConfigureAwait(false);
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                    window.Start(item, () => work(item, cancellationToken), cancellationToken);
                    while (window.TryTakeFinished(out done, out call)) write(done, call);
                }
                while (window.TryTakeOldest(out done, out call))
                {
                    try
                    {
                        await call.ConfigureAwait(false);
                    }
                    catch
                    {
                        // The write callback decides what a failure means; it gets the failed call itself.
                    }
                    write(done, call);
                }
            }
            finally
            {
                window.Abandon();
            }
        }
    }
}
