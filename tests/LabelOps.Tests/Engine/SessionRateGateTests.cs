using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using Xunit;

namespace LabelOps.Tests.Engine
{
    /// <summary>What the session's rate gate learns from answers (its waits are exercised against the emulator in RateLimitTests).</summary>
    public sealed class SessionRateGateTests
    {
        private sealed class FixedTime : TimeProvider
        {
            public DateTimeOffset Now { get; set; } = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

            public override DateTimeOffset GetUtcNow() => Now;
        }

        private static ApiResponse Answer(int status, long? remaining = null, int? resetSeconds = null, int? retryAfterSeconds = null) =>
            new ApiResponse(
                (HttpStatusCode)status,
                "application/json",
                Array.Empty<byte>(),
                retryAfterSeconds.HasValue ? new RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds.Value)) : null,
                remaining.HasValue || resetSeconds.HasValue ? new RateLimitHeaders(null, remaining, resetSeconds.HasValue ? TimeSpan.FromSeconds(resetSeconds.Value) : (TimeSpan?)null) : null);

        private static async Task Pass(SessionRateGate gate, ApiResponse answer)
        {
            await gate.EnterAsync(CancellationToken.None);
            gate.Leave(answer);
        }

        [Fact]
        public async Task A_429_pauses_the_gate_for_its_Retry_After_and_a_last_request_of_the_window_until_the_reset()
        {
            var time = new FixedTime();
            var gate = new SessionRateGate(new SessionOptions(), time);

            await Pass(gate, Answer(429, retryAfterSeconds: 5));
            Assert.Equal(time.Now.AddSeconds(5), gate.PausedUntil);

            time.Now = time.Now.AddSeconds(6);
            await Pass(gate, Answer(200, remaining: 0, resetSeconds: 10));
            Assert.Equal(time.Now.AddSeconds(10), gate.PausedUntil);
        }

        [Fact]
        public async Task A_pause_is_never_longer_than_the_longest_retry_delay()
        {
            var time = new FixedTime();
            var gate = new SessionRateGate(new SessionOptions { MaximumRetryDelay = TimeSpan.FromSeconds(30) }, time);

            await Pass(gate, Answer(429, retryAfterSeconds: 3600));

            Assert.Equal(time.Now.AddSeconds(30), gate.PausedUntil);
        }

        [Fact]
        public async Task Answers_without_rate_limit_headers_change_nothing()
        {
            var time = new FixedTime();
            var gate = new SessionRateGate(new SessionOptions(), time);

            await Pass(gate, Answer(200));
            await Pass(gate, Answer(500));

            Assert.Equal(default, gate.PausedUntil);
        }

        [Theory]
        [InlineData("X-RateLimit-Remaining", "X-RateLimit-Reset", "12", 12)]
        [InlineData("RateLimit-Remaining", "RateLimit-Reset", "12", 12)]
        [InlineData("X-RateLimit-Remaining", "X-RateLimit-Reset", "1.2", 2)]
        public void Headers_are_read_in_either_naming_and_the_reset_is_rounded_up(string remainingName, string resetName, string reset, int expectedSeconds)
        {
            using var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.TryAddWithoutValidation(remainingName, "7");
            response.Headers.TryAddWithoutValidation(resetName, reset);

            var headers = RateLimitHeaders.Read(response.Headers, DateTimeOffset.UtcNow)!;

            Assert.Equal(7, headers.Remaining);
            Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), headers.Reset);
        }

        [Fact]
        public void A_reset_given_as_a_Unix_time_becomes_the_time_left()
        {
            var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
            using var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", now.AddSeconds(42).ToUnixTimeSeconds().ToString());

            var headers = RateLimitHeaders.Read(response.Headers, now)!;

            Assert.Equal(TimeSpan.FromSeconds(42), headers.Reset);
            Assert.Null(RateLimitHeaders.Read(new HttpResponseMessage().Headers, now));
        }

        private static async Task<List<TimeSpan>> EnterTimes(SessionRateGate gate, int count, Stopwatch watch)
        {
            var entered = Enumerable.Range(0, count).Select(async _ =>
            {
                await gate.EnterAsync(CancellationToken.None);
                var at = watch.Elapsed;
                gate.Leave(null);
                return at;
            }).ToList();
            return (await Task.WhenAll(entered)).OrderBy(t => t).ToList();
        }

        [Fact]
        public async Task MaxRequestsPerMinute_lets_the_whole_allowance_start_at_once()
        {
            // A token bucket refilled evenly (the old gate) lets one request start every 200 ms at 300/min: 60 s for 300.
            var gate = new SessionRateGate(new SessionOptions { MaxRequestsPerMinute = 300 }, TimeProvider.System);
            var watch = Stopwatch.StartNew();

            var times = await EnterTimes(gate, 300, watch);

            Assert.True(times[^1] < TimeSpan.FromSeconds(5), "the 300th request started after " + times[^1]);
        }

        [Fact]
        public async Task MaxRequestsPerMinute_holds_the_request_after_the_allowance_until_a_permit_comes_back()
        {
            var gate = new SessionRateGate(new SessionOptions { MaxRequestsPerMinute = 300 }, TimeProvider.System);
            await EnterTimes(gate, 300, Stopwatch.StartNew());

            var next = gate.EnterAsync(CancellationToken.None);
            var first = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(2)));

            Assert.NotSame(next, first); // a permit spent comes back a minute later, not 200 ms later
        }

        [Fact]
        public void The_client_limit_never_starts_more_than_its_allowance_in_any_period_and_reuses_each_permit_one_period_later()
        {
            // The same limit as -MaxRequestsPerMinute 5, with a 1 s period. Fifteen callers ask at once; the clock is
            // simulated (each round moves it to the soonest time the gate names), so every start time is exact.
            var period = TimeSpan.FromSeconds(1);
            var gate = new SessionRateGate(new SessionOptions { MaxRequestsPerMinute = 5 }, TimeProvider.System, period);
            var start = DateTimeOffset.UnixEpoch;
            var now = start;
            var waiting = 15;
            var starts = new List<TimeSpan>();
            while (waiting > 0)
            {
                TimeSpan? soonest = null;
                for (var asking = waiting; asking > 0; asking--)
                {
                    var wait = gate.TryEnter(now);
                    if (wait == null)
                    {
                        starts.Add(now - start);
                        waiting--;
                        gate.Leave(null);
                    }
                    else if (soonest == null || wait < soonest)
                    {
                        soonest = wait;
                    }
                }
                if (waiting > 0) now += soonest!.Value;
            }

            for (var i = 0; i + 5 < starts.Count; i++)
            {
                Assert.True(starts[i + 5] - starts[i] >= period, "requests " + i + " and " + (i + 5) + " started " + (starts[i + 5] - starts[i]) + " apart");
            }
            Assert.Equal(TimeSpan.Zero, starts[4]); // the whole allowance at once
            Assert.Equal(period + SessionRateGate.ReuseMargin(period), starts[5]); // a permit comes back one period (and a margin) later
            Assert.True(starts[14] < TimeSpan.FromSeconds(2.1), "15 requests took " + starts[14] + " (three allowances, two periods apart)");
        }
    }
}
