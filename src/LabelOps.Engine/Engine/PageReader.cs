using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine
{
    /// <summary>
    /// Streams every item of a paged list, in order. Once the first page reports the total, up to
    /// <see cref="PageRange.PagesInFlight"/> pages are requested at once, so round trips overlap each other and the
    /// pipeline; memory is bounded by that window, not by the list. Without a total, page n+1 is requested while
    /// page n is written. It stops at the caller's -First, at the reported total, or at the first short page.
    /// </summary>
    internal static class PageReader
    {
        /// <param name="fetchPage">Fetches one 1-based page of the given size.</param>
        /// <param name="onTotal">Called once with the total, as soon as the first page reports it.</param>
        public static async IAsyncEnumerable<T> ReadAsync<T>(
            Func<int, int, CancellationToken, Task<Page<T>>> fetchPage,
            PageRange range,
            Action<long>? onTotal,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var pageSize = range.PageSize;
            if (pageSize < 1 || pageSize > PageRange.MaximumPageSize)
            {
                throw LabelOpsException.InvalidArgument("The page size must be between 1 and " + PageRange.MaximumPageSize + "; it was " + pageSize + ".");
            }
            if (range.Skip < 0 || (range.First.HasValue && range.First.Value < 0))
            {
                throw LabelOpsException.InvalidArgument("Skip and First cannot be negative.");
            }
            if (range.First == 0)
            {
                if (onTotal != null)
                {
                    // -First 0 -IncludeTotalCount asks only for the count: one single-item page reports it.
                    var probe = await fetchPage(1, 1, cancellationToken).ConfigureAwait(false);
                    if (probe.Total.HasValue) onTotal(probe.Total.Value);
                }
                yield break;
            }

            var window = Math.Max(1, Math.Min(64, range.PagesInFlight));
            var firstPage = checked((int)(range.Skip / pageSize) + 1);
            var skipInPage = (int)(range.Skip % pageSize);
            // The last page -First needs; the last page there is once the total is known.
            var lastWanted = range.First.HasValue ? (range.Skip + range.First.Value - 1) / pageSize + 1 : long.MaxValue;
            long? lastPage = null;
            long written = 0;
            var totalReported = false;
            var nextToRequest = firstPage;
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pending = new Queue<Task<Page<T>>>();
            pending.Enqueue(fetchPage(nextToRequest++, pageSize, abandon.Token));
            try
            {
                for (var pageNumber = firstPage; pending.Count > 0; pageNumber++)
                {
                    var page = await pending.Dequeue().ConfigureAwait(false);
                    if (!totalReported && page.Total.HasValue)
                    {
                        totalReported = true;
                        onTotal?.Invoke(page.Total.Value);
                    }
                    var full = page.Items.Count == pageSize;
                    if (page.Total.HasValue)
                    {
                        lastPage = Math.Min(lastWanted, (page.Total.Value + pageSize - 1) / pageSize);
                    }
                    var more = full && pageNumber < lastWanted && (!page.Total.HasValue || (long)pageNumber * pageSize < page.Total.Value);
                    if (!more)
                    {
                        // A short page ends the list even if more were requested ahead (items removed meanwhile).
                        abandon.Cancel();
                        Forget(pending);
                    }
                    else
                    {
                        // Requested now, so the network works while this page's items go down the pipeline. With a
                        // known total up to window - 1 pages ahead; without one only the next (it may not exist).
                        var ahead = lastPage.HasValue ? window - 1 : Math.Min(1, window - 1);
                        while (pending.Count < ahead && nextToRequest <= (lastPage ?? pageNumber + 1))
                        {
                            pending.Enqueue(fetchPage(nextToRequest++, pageSize, abandon.Token));
                        }
                    }
                    for (var i = skipInPage; i < page.Items.Count && written < (range.First ?? long.MaxValue); i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        written++;
                        yield return page.Items[i];
                    }
                    skipInPage = 0;
                    if (more && pending.Count == 0)
                    {
                        pending.Enqueue(fetchPage(nextToRequest++, pageSize, abandon.Token)); // one page at a time (window 1)
                    }
                }
            }
            finally
            {
                // The caller stopped early (-First, Ctrl+C, an error): pages requested ahead are not waited for.
                abandon.Cancel();
                Forget(pending);
            }
        }

        /// <summary>Drops pages requested ahead that will not be read, observing their failures (they were cancelled).</summary>
        private static void Forget<T>(Queue<Task<Page<T>>> pending)
        {
            while (pending.Count > 0)
            {
                _ = pending.Dequeue().ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }
}
