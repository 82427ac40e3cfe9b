using System;
using System.Linq;
using LabelOps.Engine;
using Xunit;

namespace LabelOps.Tests.Engine
{
    /// <summary>
    /// ProgressThrottle, the one rule for how often every progress bar (paged lists, uploads, export downloads and
    /// records) is redrawn, on a clock the test moves by hand.
    /// </summary>
    public sealed class ProgressThrottleTests
    {
        /// <summary>A clock that stands still until told; timestamps are in milliseconds, from an arbitrary start.</summary>
        private sealed class HandClock : TimeProvider
        {
            public long Milliseconds { get; set; } = 7_000_000;

            public override long TimestampFrequency => 1000;

            public override long GetTimestamp() => Milliseconds;
        }

        [Fact]
        public void The_first_report_is_due_at_once_and_the_next_only_a_quarter_second_after_it()
        {
            var clock = new HandClock();
            var throttle = new ProgressThrottle(clock);

            Assert.False(throttle.Shown);
            Assert.True(throttle.Due());
            Assert.True(throttle.Shown);
            Assert.False(throttle.Due());
            clock.Milliseconds += 249;
            Assert.False(throttle.Due());
            clock.Milliseconds += 1;
            Assert.True(throttle.Due());
            Assert.False(throttle.Due());
        }

        [Fact]
        public void The_quarter_second_counts_from_the_last_report_not_from_the_last_question()
        {
            var clock = new HandClock();
            var throttle = new ProgressThrottle(clock);

            // Asked every 100 ms for a second: reports at 0, 300, 600 and 900 ms (each 250 ms or more after the last
            // report). Counting from the last question would never report again; from the start, at 0, 300, 500, 800.
            var due = Enumerable.Range(0, 10).Select(step =>
            {
                clock.Milliseconds = 7_000_000 + step * 100;
                return throttle.Due() ? step * 100 : -1;
            }).Where(at => at >= 0);

            Assert.Equal(new[] { 0, 300, 600, 900 }, due);
        }
    }
}
