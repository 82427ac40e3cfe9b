using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using LabelOps.Engine;
using Polly.Timeout;
using Xunit;

namespace LabelOps.Tests.Engine
{
    public sealed class RetryRulesTests
    {
        [Theory]
        [InlineData("Read", 429, true)]
        [InlineData("Create", 429, true)]
        [InlineData("Read", 500, true)]
        [InlineData("Idempotent", 503, true)]
        [InlineData("Read", 408, true)]
        [InlineData("Create", 500, false)]
        [InlineData("Create", 502, false)]
        [InlineData("Create", 503, false)]
        [InlineData("Create", 504, false)]
        [InlineData("Create", 408, false)]
        [InlineData("Read", 400, false)]
        [InlineData("Read", 401, false)]
        [InlineData("Read", 404, false)]
        [InlineData("Read", 200, false)]
        public void Statuses_are_retried_only_when_repeating_cannot_duplicate_work(string kind, int status, bool retried) =>
            Assert.Equal(retried, RetryRules.ShouldRetryStatus(Enum.Parse<RequestKind>(kind), status));

        [Theory]
        [InlineData("Read", "NotSent", true)]
        [InlineData("Create", "NotSent", true)]
        [InlineData("Read", "Ambiguous", true)]
        [InlineData("Create", "Ambiguous", false)]
        [InlineData("Read", "Cancelled", false)]
        [InlineData("Read", "Permanent", false)]
        public void Transport_failures_are_retried_for_creates_only_when_nothing_was_sent(string kind, string failure, bool retried) =>
            Assert.Equal(retried, RetryRules.ShouldRetryFailure(Enum.Parse<RequestKind>(kind), Enum.Parse<AttemptFailure>(failure)));

        [Fact]
        public void A_refused_connection_is_classified_as_not_sent_and_a_reset_as_ambiguous()
        {
            var refused = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));
            var reset = new HttpRequestException("reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));

            Assert.Equal(AttemptFailure.NotSent, AttemptFailures.Classify(refused, callerCancelled: false));
            Assert.Equal(AttemptFailure.Ambiguous, AttemptFailures.Classify(reset, callerCancelled: false));
            Assert.Equal(AttemptFailure.Ambiguous, AttemptFailures.Classify(new TimeoutRejectedException(), callerCancelled: false));
            Assert.Equal(AttemptFailure.Cancelled, AttemptFailures.Classify(new OperationCanceledException(), callerCancelled: true));
            Assert.Equal(AttemptFailure.Permanent, AttemptFailures.Classify(new ArgumentException(), callerCancelled: false));
        }

        [Fact]
        public void Retry_After_reads_seconds_and_HTTP_dates_and_ignores_garbage()
        {
            var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

            Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.Parse("7", now));
            Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.Parse("Sun, 22 Nov 2026 12:00:30 GMT", now));
            Assert.Equal(TimeSpan.Zero, RetryAfter.Parse("Sun, 22 Nov 2026 11:00:00 GMT", now));
            Assert.Null(RetryAfter.Parse("soon", now));
            Assert.Null(RetryAfter.Parse(null, now));
        }
    }
}
