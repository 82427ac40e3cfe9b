using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using Xunit;

namespace LabelOps.Tests.Engine
{
    public sealed class PageReaderTests
    {
        private sealed class FakeList
        {
            private readonly int _count;
            private readonly bool _reportTotal;

            public FakeList(int count, bool reportTotal = true)
            {
                _count = count;
                _reportTotal = reportTotal;
            }

            public ConcurrentQueue<int> PagesFetched { get; } = new ConcurrentQueue<int>();

            public Task<Page<int>> Fetch(int page, int size, CancellationToken token)
            {
                PagesFetched.Enqueue(page);
                var items = Enumerable.Range((page - 1) * size, Math.Max(0, Math.Min(size, _count - (page - 1) * size))).ToList();
                return Task.FromResult(new Page<int>(items, _reportTotal ? _count : (long?)null));
            }
        }

        private static async Task<List<int>> ReadAll(FakeList list, PageRange range, Action<long>? onTotal = null)
        {
            var items = new List<int>();
            await foreach (var item in PageReader.ReadAsync(list.Fetch, range, onTotal, CancellationToken.None)) items.Add(item);
            return items;
        }

        [Theory]
        [InlineData(0, true, 1)]
        [InlineData(1, true, 1)]
        [InlineData(99, true, 1)]
        [InlineData(100, true, 1)]
        [InlineData(101, true, 2)]
        [InlineData(250, true, 3)]
        [InlineData(0, false, 1)]
        [InlineData(100, false, 2)]
        [InlineData(250, false, 3)]
        public async Task Every_item_is_read_once_in_order_with_the_fewest_pages(int count, bool reportTotal, int expectedPages)
        {
            var list = new FakeList(count, reportTotal);

            var items = await ReadAll(list, new PageRange());

            Assert.Equal(Enumerable.Range(0, count), items);
            Assert.Equal(Enumerable.Range(1, expectedPages), list.PagesFetched);
        }

        [Theory]
        [InlineData(250, 0, 10, 0, 10, new[] { 1 })]
        [InlineData(250, 95, 10, 95, 10, new[] { 1, 2 })]
        [InlineData(250, 100, 100, 100, 100, new[] { 2 })]
        [InlineData(250, 240, 100, 240, 10, new[] { 3 })]
        [InlineData(250, 300, 5, 0, 0, new[] { 4 })]
        public async Task Skip_and_First_start_on_the_right_page_and_stop_early(int count, long skip, long first, int firstItem, int expectedCount, int[] pages)
        {
            var list = new FakeList(count);

            var items = await ReadAll(list, new PageRange { Skip = skip, First = first });

            Assert.Equal(Enumerable.Range(firstItem, expectedCount), items);
            Assert.Equal(pages, list.PagesFetched);
        }

        [Fact]
        public async Task The_total_is_reported_once_before_any_item()
        {
            var totals = new List<long>();

            var items = await ReadAll(new FakeList(150), new PageRange(), totals.Add);

            Assert.Equal(new long[] { 150 }, totals);
            Assert.Equal(150, items.Count);
        }

        [Theory]
        [InlineData(300, 1, 1)]
        [InlineData(300, 2, 3)]
        [InlineData(300, 8, 3)]
        [InlineData(5000, 8, 17)] // answered at once: 8 running never fills, 2 × 8 held bounds it
        public async Task Pages_ahead_are_requested_before_the_current_page_is_consumed_up_to_the_window(int count, int window, int expectedFetched)
        {
            var list = new FakeList(count);
            var fetchedWhenFirstItemArrived = 0;

            await foreach (var item in PageReader.ReadAsync(list.Fetch, new PageRange { PagesInFlight = window }, null, CancellationToken.None))
            {
                if (item == 0) fetchedWhenFirstItemArrived = list.PagesFetched.Count;
            }

            Assert.Equal(expectedFetched, fetchedWhenFirstItemArrived);
            Assert.Equal(Enumerable.Range(1, (count + 99) / 100), list.PagesFetched);
        }

        [Fact]
        public async Task Without_a_total_only_the_next_page_is_requested_ahead()
        {
            var list = new FakeList(5000, reportTotal: false);
            var fetchedWhenFirstItemArrived = 0;

            await foreach (var item in PageReader.ReadAsync(list.Fetch, new PageRange { PagesInFlight = 8 }, null, CancellationToken.None))
            {
                if (item == 0) fetchedWhenFirstItemArrived = list.PagesFetched.Count;
            }

            Assert.Equal(2, fetchedWhenFirstItemArrived);
        }

        [Fact]
        public async Task Pages_answered_out_of_order_are_written_in_order_with_at_most_the_window_in_flight()
        {
            var inFlight = 0;
            var mostInFlight = 0;
            var random = new Random(7);
            var delays = Enumerable.Range(0, 30).Select(_ => random.Next(0, 15)).ToArray();
            async Task<Page<int>> Fetch(int page, int size, CancellationToken token)
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref mostInFlight, now);
                try
                {
                    await Task.Delay(delays[page - 1], token);
                    return new Page<int>(Enumerable.Range((page - 1) * size, Math.Min(size, 2950 - (page - 1) * size)).ToList(), 2950);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }

            var items = new List<int>();
            await foreach (var item in PageReader.ReadAsync(Fetch, new PageRange { PagesInFlight = 4 }, null, CancellationToken.None)) items.Add(item);

            Assert.Equal(Enumerable.Range(0, 2950), items);
            Assert.InRange(mostInFlight, 3, 4);
        }

        [Fact]
        public async Task A_slow_page_does_not_hold_back_the_requests_behind_it_and_answered_pages_wait_bounded()
        {
            var fetched = new ConcurrentQueue<int>();
            var slow = new TaskCompletionSource<Page<int>>(TaskCreationOptions.RunContinuationsAsynchronously);
            Task<Page<int>> Fetch(int page, int size, CancellationToken token)
            {
                fetched.Enqueue(page);
                var items = Enumerable.Range((page - 1) * size, size).ToList();
                return page == 2 ? slow.Task : Task.FromResult(new Page<int>(items, 100 * size));
            }

            var reader = PageReader.ReadAsync(Fetch, new PageRange { PagesInFlight = 4 }, null, CancellationToken.None).GetAsyncEnumerator();
            for (var i = 0; i < 100; i++) Assert.True(await reader.MoveNextAsync());
            var waiting = reader.MoveNextAsync(); // page 1 written: now waiting for page 2

            // Page 2 holds one slot; the other answers freed theirs, until 2 × 4 pages were held (pages 2 to 9).
            // The old rule (a slot frees only when the next page to write is answered) requested pages 2 to 4.
            Assert.False(waiting.IsCompleted);
            Assert.Equal(Enumerable.Range(1, 9), fetched);

            slow.SetResult(new Page<int>(Enumerable.Range(100, 100).ToList(), 10000));
            var items = new List<int>();
            Assert.True(await waiting);
            items.Add(reader.Current);
            while (await reader.MoveNextAsync()) items.Add(reader.Current);
            await reader.DisposeAsync();

            Assert.Equal(Enumerable.Range(100, 9900), items);
            Assert.Equal(Enumerable.Range(1, 100), fetched.OrderBy(p => p));
        }

        [Fact]
        public async Task Stopping_early_cancels_the_pages_requested_ahead()
        {
            var cancelled = 0;
            async Task<Page<int>> Fetch(int page, int size, CancellationToken token)
            {
                if (page > 1)
                {
                    // Counted by a registration, which Cancel() runs before it returns.
                    token.Register(() => Interlocked.Increment(ref cancelled));
                    await Task.Delay(Timeout.Infinite, token);
                }
                return new Page<int>(Enumerable.Range((page - 1) * size, size).ToList(), 100000);
            }

            var items = new List<int>();
            await foreach (var item in PageReader.ReadAsync(Fetch, new PageRange { PagesInFlight = 8 }, null, CancellationToken.None))
            {
                items.Add(item);
                if (items.Count == 10) break;
            }

            Assert.Equal(Enumerable.Range(0, 10), items);
            Assert.Equal(8, cancelled); // pages 2 to 9: the window of unanswered requests
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }

        [Fact]
        public async Task First_zero_reads_no_items_but_still_reports_the_total_when_asked()
        {
            var list = new FakeList(42);
            var totals = new List<long>();

            var items = await ReadAll(list, new PageRange { First = 0 }, totals.Add);
            var withoutTotal = await ReadAll(new FakeList(42), new PageRange { First = 0 });

            Assert.Empty(items);
            Assert.Equal(new long[] { 42 }, totals);
            Assert.Equal(new[] { 1 }, list.PagesFetched);
            Assert.Empty(withoutTotal);
        }

        [Fact]
        public async Task A_page_size_above_100_is_refused()
        {
            await Assert.ThrowsAsync<LabelOpsException>(() => ReadAll(new FakeList(1), new PageRange { PageSize = 101 }));
        }
    }
}
