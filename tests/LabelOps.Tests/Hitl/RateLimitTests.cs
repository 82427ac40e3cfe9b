using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    /// <summary>The emulator's rate limit, and a session that stays under it by reading the service's headers.</summary>
    public sealed class RateLimitTests : HitlTest
    {
        private readonly string _projectId;

        public RateLimitTests()
        {
            _projectId = Account.Hitl.AddProject("Limited", "active");
            Shell.SetVariable("ProjectId", _projectId);
        }

        [Fact]
        public void Over_the_limit_the_emulator_answers_429_in_the_service_envelope_with_rate_limit_headers_and_counts_it()
        {
            Account.Throttle.SetRateLimit(2, TimeSpan.FromMinutes(1), RateLimitScope.Ango);
            using var http = new HttpClient();
            HttpResponseMessage Get()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Emulator.BaseUri, "v2/project/none"));
                request.Headers.Add("apikey", Account.ApiKey);
                return http.Send(request);
            }

            var first = Get();
            var second = Get();
            var third = Get();

            Assert.Equal(HttpStatusCode.NotFound, first.StatusCode); // counted whatever the answer
            Assert.Equal("1", first.Headers.GetValues("X-RateLimit-Remaining").Single());
            Assert.Equal("0", second.Headers.GetValues("X-RateLimit-Remaining").Single());
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.Equal("2", third.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal("0", third.Headers.GetValues("X-RateLimit-Remaining").Single());
            var reset = int.Parse(third.Headers.GetValues("X-RateLimit-Reset").Single());
            Assert.InRange(reset, 1, 60);
            Assert.Equal(TimeSpan.FromSeconds(reset), third.Headers.RetryAfter!.Delta);
            using var body = JsonDocument.Parse(third.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            Assert.Equal("fail", body.RootElement.GetProperty("status").GetString());
            Assert.Contains("Too many requests", body.RootElement.GetProperty("message").GetString());
            Assert.Equal(1, Account.Throttle.RateLimitedCount);
            Assert.Equal(2, Account.Throttle.AllowedCount);
        }

        [Fact]
        public void A_session_reads_the_remaining_count_and_waits_for_the_reset_so_the_service_never_answers_429()
        {
            // Five requests per two-second window; twelve reads in a row would trip it three times without the headers.
            Account.Throttle.SetRateLimit(5, TimeSpan.FromSeconds(2), RateLimitScope.Hitl);

            var result = RunConnected("1..12 | ForEach-Object { Get-HitlProject -ProjectId $ProjectId }");

            result.ThrowIfFailed();
            Assert.Equal(12, result.Objects<HitlProject>().Count);
            Assert.Equal(0, Account.Throttle.RateLimitedCount);
            Assert.All(Account.Requests, r => Assert.Equal(200, r.ResponseStatus));
        }

        [Fact]
        public void A_429_pauses_every_runspace_sharing_the_session_until_its_Retry_After()
        {
            Shell.Run("$s = Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -MaximumRetryCount 0 -PassThru").ThrowIfFailed();
            var session = Shell.GetVariable("s");
            Account.ClearRequests();
            Account.Faults.Add("GET", "/v1/projects/*", new Fault { Status = 429, RetryAfter = "2" });
            using var other = new HostedPowerShell();
            other.SetVariable("s", session);
            other.SetVariable("ProjectId", _projectId);

            var limited = Shell.Run("Get-HitlProject -ProjectId $ProjectId -Session $s");
            var after = other.Run("Get-HitlProject -ProjectId $ProjectId -Session $s");

            Assert.StartsWith("LabelOps.RateLimited", Assert.Single(limited.Errors).FullyQualifiedErrorId);
            after.ThrowIfFailed();
            var requests = Account.Requests;
            Assert.Equal(new[] { 429, 200 }, requests.Select(r => r.ResponseStatus));
            // The other runspace's request waited for the pause the first one's 429 asked for.
            Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(1.9), "the second runspace did not wait for Retry-After");
        }
    }
}
