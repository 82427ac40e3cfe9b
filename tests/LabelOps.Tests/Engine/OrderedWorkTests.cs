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
    /// <summary>The ordered window of bulk work: a slot frees when any call ends, output stays in input order.</summary>
    public sealed class OrderedWorkTests
    {
        [Fact]
        public async Task A_slow_call_does_not_hold_back_the_calls_behind_it_and_results_are_written_in_input_order()
        {
            var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var lastStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = new ConcurrentQueue<int>();
            var written = new List<int>();

            var run = OrderedWork.RunAsync(
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
    }
}
