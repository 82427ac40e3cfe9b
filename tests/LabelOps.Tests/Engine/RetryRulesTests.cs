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
        [InlineData(RequestKind.Read, 429, true)]
        [InlineData(RequestKind.Create, 429, true)]
        [InlineData(RequestKind.Read, 500, true)]
        [InlineData(RequestKind.Idempotent, 503, true)]
        [InlineData(RequestKind.Read, 408, true)]
        [InlineData(RequestKind.Create, 500, false)]
        [InlineData(RequestKind.Create, 502, false)]
        [InlineData(RequestKind.Create, 503, false)]
        [InlineData(RequestKind.Create, 504, false)]
        [InlineData(RequestKind.Create, 408, false)]
        [InlineData(RequestKind.Read, 400, false)]
        [InlineData(RequestKind.Read, 401, false)]
        [InlineData(RequestKind.Read, 404, false)]
        [InlineData(RequestKind.Read, 200, false)]
        public void Statuses_are_retried_only_when_repeating_cannot_duplicate_work(RequestKind kind, int status, bool retried) =>
            Assert.Equal(retried, RetryRules.ShouldRetryStatus(kind, status));

        [Theory]
        [InlineData(RequestKind.Read, AttemptFailure.NotSent, true)]
        [InlineData(RequestKind.Create, AttemptFailure.NotSent, true)]
        [InlineData(RequestKind.Read, AttemptFailure.Ambiguous, true)]
        [InlineData(RequestKind.Create, AttemptFailure.Ambiguous, false)]
        [InlineData(RequestKind.Read, AttemptFailure.Cancelled, false)]
        [InlineData(RequestKind.Read, AttemptFailure.Permanent, false)]
        public void Transport_failures_are_retried_for_creates_only_when_nothing_was_sent(RequestKind kind, AttemptFailure failure, bool retried) =>
            Assert.Equal(retried, RetryRules.ShouldRetryFailure(kind, failure));

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
