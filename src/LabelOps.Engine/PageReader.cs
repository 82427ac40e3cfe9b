using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine
{
    /// <summary>
    /// Streams every item of a paged list, in order. Once the first page reports the total, up to
    /// <see cref="PageRange.PagesInFlight"/> requests are unanswered at any time (a slot frees when any page is
    /// answered), so round trips overlap each other and the pipeline; answered pages wait to be written in order,
    /// at most that many again, so memory is bounded by the window, not by the list. Without a total, page n+1 is
    /// requested while page n is written. It stops at the caller's -First, at the reported total, or at the first
    /// short page.
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
            var ended = false;
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // With a known total a request starts whenever fewer than `window` are unanswered: a slot frees when any
            // page is answered, not only the next to write, so one slow page does not hold back the others (the bulk
            // cmdlets' rule, in the same OrderedWindow). Answered pages wait in order, at most `window` of them beyond
            // those running. Without a total only the next page is requested ahead (it may not exist); window 1
            // requests none ahead.
            var requested = new OrderedWindow<int, Page<T>>(window, held: 2 * window);
            void Request() => requested.Add(nextToRequest, fetchPage(nextToRequest++, pageSize, abandon.Token));
            void RequestAhead(long currentPage)
            {
                if (ended || window == 1) return;
                while (lastPage.HasValue
                    ? nextToRequest <= lastPage.Value && requested.HasRoom
                    : requested.Count == 0 && nextToRequest == currentPage + 1 && nextToRequest <= lastWanted)
                {
                    Request();
                }
            }
            Request();
            try
            {
                for (var pageNumber = firstPage; requested.Count > 0; pageNumber++)
                {
                    Task<Page<T>> answer;
                    while (!requested.TryTakeFinished(out _, out answer))
                    {
                        // While the next page is on its way, every other answer frees a slot for the next request.
                        RequestAhead(pageNumber - 1);
                        await requested.AnyRunningEnds().ConfigureAwait(false);
                    }
                    var current = await answer.ConfigureAwait(false);
                    if (!totalReported && current.Total.HasValue)
                    {
                        totalReported = true;
                        onTotal?.Invoke(current.Total.Value);
                    }
                    var full = current.Items.Count == pageSize;
                    if (current.Total.HasValue)
                    {
                        lastPage = Math.Min(lastWanted, (current.Total.Value + pageSize - 1) / pageSize);
                    }
                    var more = full && pageNumber < lastWanted && (!current.Total.HasValue || (long)pageNumber * pageSize < current.Total.Value);
                    if (!more)
                    {
                        // A short page ends the list even if more were requested ahead (items removed meanwhile).
                        ended = true;
                        abandon.Cancel();
                        requested.Abandon();
                    }
                    else
                    {
                        // Requested now, so the network works while this page's items go down the pipeline.
                        RequestAhead(pageNumber);
                    }
                    for (var i = skipInPage; i < current.Items.Count && written < (range.First ?? long.MaxValue); i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        written++;
                        yield return current.Items[i];
                    }
                    skipInPage = 0;
                    if (more)
                    {
                        RequestAhead(pageNumber);
                        if (requested.Count == 0) Request(); // one page at a time (window 1)
                    }
                }
            }
            finally
            {
                // The caller stopped early (-First, Ctrl+C, an error): pages requested ahead are not waited for.
                abandon.Cancel();
                requested.Abandon();
            }
        }
    }
}
