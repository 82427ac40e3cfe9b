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
    /// <summary>The ordered window of bulk work: a slot frees when any call ends, output stays in input order, memory stays bounded.</summary>
    public sealed class OrderedWindowTests
    {
        [Fact]
        public async Task A_slow_call_does_not_hold_back_the_calls_behind_it_and_results_are_written_in_input_order()
        {
            var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var lastStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = new ConcurrentQueue<int>();
            var written = new List<int>();

            var run = OrderedWindow.RunAsync(
                Enumerable.Range(0, 6),
                2,
                (item, token) =>
                {
                    started.Enqueue(item);
                    if (item == 5) lastStarted.TrySetResult(true);
                    return item == 0 ? slow.Task : Task.FromResult(item);
                },
                (item, call) => written.Add(call.Result),
                CancellationToken.None);

            // With a slot freed only by the oldest call, item 2 would wait for the slow item 0 and item 5 would never start.
            var first = await Task.WhenAny(lastStarted.Task, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.Same(lastStarted.Task, first);
            Assert.Empty(written); // nothing overtakes the slow first item
            slow.SetResult(0);
            await run;

            Assert.Equal(Enumerable.Range(0, 6), written);
            Assert.Equal(6, started.Count);
        }

        [Fact]
        public async Task Behind_a_held_call_at_most_the_limit_times_QueuedPerSlot_calls_are_started_and_none_is_taken_before_it()
        {
            const int limit = 2;
            var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var window = new OrderedWindow<int, int>(limit);
            window.Start(0, () => held.Task, CancellationToken.None);
            var item = 1;
            while (window.HasRoom)
            {
                var quick = item++;
                window.Start(quick, () => Task.FromResult(quick), CancellationToken.None);
                while (window.Running >= limit) await window.AnyRunningEnds();
            }
            while (window.Running > 1) await window.AnyRunningEnds();

            Assert.Equal(limit * OrderedWindow.QueuedPerSlot, item); // the held one and the finished ones behind it fill the queue
            Assert.False(window.HasRoom); // a slot is free, but the queue is full
            Assert.False(window.TryTakeFinished(out _, out _)); // nothing overtakes the held call
            Assert.False(window.AnyRunningEnds().IsCompleted);

            held.SetResult(0);
            var taken = new List<int>();
            while (window.TryTakeOldest(out var done, out var call)) taken.Add(done + 100 * await call);
            Assert.Equal(Enumerable.Range(0, item).Select(i => i + 100 * i), taken);
            Assert.True(window.HasRoom);
        }

        [Fact]
        public async Task Waiting_for_any_running_call_when_every_call_has_ended_returns_at_once()
        {
            var window = new OrderedWindow<int, int>(2);
            Assert.True(window.AnyRunningEnds().IsCompleted);
            window.Start(0, () => Task.FromResult(0), CancellationToken.None);
            await window.AnyRunningEnds();

            // Task.WhenAny of no tasks would throw; the window is still holding the ended call, not yet taken.
            Assert.Equal(0, window.Running);
            Assert.True(window.AnyRunningEnds().IsCompleted);
            Assert.True(window.TryTakeFinished(out var item, out _));
            Assert.Equal(0, item);
        }
    }
}
