using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine
{
    /// <summary>
    /// Streams every item of a paged list. Page n+1 is requested while the caller is still handling page n, so
    /// network time overlaps with pipeline time; only two pages are ever held. It stops at the caller's -First,
    /// at the reported total, or at the first short page (some Ango lists report no total).
    /// </summary>
    public static class PageReader
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

            var pageNumber = checked((int)(range.Skip / pageSize) + 1);
            var skipInPage = (int)(range.Skip % pageSize);
            long written = 0;
            var totalReported = false;
            var pending = fetchPage(pageNumber, pageSize, cancellationToken);
            while (true)
            {
                var page = await pending.ConfigureAwait(false);
                if (!totalReported && page.Total.HasValue)
                {
                    totalReported = true;
                    onTotal?.Invoke(page.Total.Value);
                }
                var itemsSeen = (long)pageNumber * pageSize;
                var more = page.Items.Count == pageSize && (!page.Total.HasValue || itemsSeen < page.Total.Value);
                var wanted = range.First.HasValue ? range.First.Value - written : long.MaxValue;
                var available = page.Items.Count - skipInPage;
                if (more && available < wanted)
                {
                    pending = fetchPage(++pageNumber, pageSize, cancellationToken); // overlap the next request with this page's consumers
                }
                else
                {
                    more = false;
                }
                for (var i = skipInPage; i < page.Items.Count && written < (range.First ?? long.MaxValue); i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    written++;
                    yield return page.Items[i];
                }
                skipInPage = 0;
                if (!more)
                {
                    yield break;
                }
            }
        }
    }
}
