using System.Collections.Generic;
using System.Linq;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    /// <summary>Reads are retried after transient failures; a create is re-sent only when the service certainly did not process it.</summary>
    public sealed class RetryTests : HitlTest
    {
        private readonly string _projectId;

        public RetryTests()
        {
            _projectId = Account.Hitl.AddProject("Retries", "active");
            Shell.SetVariable("ProjectId", _projectId);
        }

        private PowerShellResult CreateOneJob() =>
            RunConnected("New-HitlJob -ProjectId $ProjectId -FileUrl https://files.example.test/a.png -Verbose");

        private PowerShellResult ReadJob(string jobId) =>
            RunConnected("Get-HitlJob -ProjectId $ProjectId -JobId $id -Verbose", new Dictionary<string, object?> { ["id"] = jobId });

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        [InlineData(408)]
        [InlineData(429)]
        public void A_read_is_retried_after_a_transient_status_and_then_succeeds(int status)
        {
            var job = Account.Hitl.AddJob(_projectId);
            Account.Faults.Add("GET", "/v1/jobs/*/*", new Fault { Status = status }, times: 2);

            var result = ReadJob(job.JobId);

            Assert.Empty(result.Errors);
            Assert.Single(result.Objects<HitlJob>());
            Assert.Equal(3, Account.Requests.Count);
            Assert.Equal(2, result.Verbose.Count(v => v.StartsWith("Retry ")));
        }

        [Fact]
        public void A_read_is_retried_after_a_dropped_connection_and_a_truncated_body()
        {
            var job = Account.Hitl.AddJob(_projectId);
            Account.Faults.Add("GET", "/v1/jobs/*/*", new Fault { DropConnection = true });
            Account.Faults.Add("GET", "/v1/jobs/*/*", new Fault { TruncatedBody = true });

            var result = ReadJob(job.JobId);

            Assert.Empty(result.Errors);
            Assert.Equal(job.JobId, Assert.Single(result.Objects<HitlJob>()).JobId);
            Assert.Equal(3, Account.Requests.Count);
        }

        [Fact]
        public void Retries_give_up_after_MaximumRetryCount_with_one_ServerError_that_counts_the_attempts()
        {
            var job = Account.Hitl.AddJob(_projectId);
            Account.Faults.Add("GET", "/v1/jobs/*/*", new Fault { Status = 503 }, times: 10);

            var result = ReadJob(job.JobId);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.ServerError", error.FullyQualifiedErrorId);
            Assert.Contains("after 4 attempts", error.Exception.Message);
            Assert.Equal(4, Account.Requests.Count); // the first try and MaximumRetryCount = 3 retries
        }

        [Fact]
        public void Retry_After_in_seconds_is_honoured_instead_of_the_backoff()
        {
            var job = Account.Hitl.AddJob(_projectId);
            Account.Faults.Add("GET", "/v1/jobs/*/*", new Fault { Status = 429, RetryAfter = "1" });

            var result = ReadJob(job.JobId);

            Assert.Empty(result.Errors);
            Assert.Contains(result.Verbose, v => v.StartsWith("Retry 1 of 3") && v.Contains(" in 1 s after HTTP 429"));
            var requests = Account.Requests;
            Assert.Equal(2, requests.Count);
            Assert.True((requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds >= 900);
        }

        [Theory]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public void A_create_that_fails_ambiguously_with_a_server_error_is_never_sent_twice(int status)
        {
            Account.Faults.Add("POST", "/v1/jobs", new Fault { Status = status, AfterHandler = true });

            var result = CreateOneJob();

            Assert.Single(result.Errors);
            Assert.Single(Requests("POST", "/v1/jobs"));
            Assert.Equal(1, Account.Hitl.JobCount); // the service did create it: a retry would have made a duplicate
        }

        [Fact]
        public void A_create_whose_connection_drops_after_sending_is_not_retried()
        {
            Account.Faults.Add("POST", "/v1/jobs", new Fault { DropConnection = true, AfterHandler = true });

            var result = CreateOneJob();

            Assert.StartsWith("LabelOps.NetworkError", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Single(Requests("POST", "/v1/jobs"));
            Assert.Equal(1, Account.Hitl.JobCount);
        }

        [Fact]
        public void A_create_whose_answer_is_truncated_is_not_retried_and_reports_an_unreadable_answer()
        {
            Account.Faults.Add("POST", "/v1/jobs", new Fault { TruncatedBody = true, AfterHandler = true });

            var result = CreateOneJob();

            Assert.StartsWith("LabelOps.InvalidResponse", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Single(Requests("POST", "/v1/jobs"));
        }

        [Fact]
        public void A_create_refused_with_429_was_not_processed_so_it_is_sent_again_and_makes_exactly_one_job()
        {
            Account.Faults.Add("POST", "/v1/jobs", new Fault { Status = 429 }, times: 2);

            var result = CreateOneJob();

            Assert.Empty(result.Errors);
            Assert.Single(result.Objects<HitlJob>());
            Assert.Equal(3, Requests("POST", "/v1/jobs").Count);
            Assert.Equal(1, Account.Hitl.JobCount);
        }

        [Fact]
        public void A_create_to_a_port_nobody_listens_on_was_never_sent_so_it_is_retried_then_reported_as_NetworkError()
        {
            var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            closed.Start();
            var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
            closed.Stop();
            Shell.SetVariable("Dead", new System.Uri("http://127.0.0.1:" + port + "/"));

            var result = Shell.Run("$s = [LabelOps.HitlSession]::new($ApiKey, $Dead, [LabelOps.Engine.SessionOptions]@{ RetryInterval = [timespan]::FromMilliseconds(5); MaximumRetryCount = 2 })\n" +
                                   "New-HitlJob -Session $s -ProjectId p -FileUrl https://files.example.test/a.png -Verbose");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NetworkError", error.FullyQualifiedErrorId);
            Assert.Contains("after 3 attempt", error.Exception.Message);
            Assert.Equal(2, result.Verbose.Count(v => v.StartsWith("Retry ")));
        }

        [Fact]
        public void A_cancel_whose_answer_was_lost_is_retried_and_reported_as_done_not_as_an_error()
        {
            var job = Account.Hitl.AddJob(_projectId);
            Account.Faults.Add("DELETE", "/v1/jobs/*/*", new Fault { Status = 502, AfterHandler = true });

            var result = RunConnected("Stop-HitlJob -ProjectId $ProjectId -JobId $id -PassThru -Confirm:$false", new Dictionary<string, object?> { ["id"] = job.JobId });

            Assert.Empty(result.Errors);
            Assert.Equal(HitlJobStatus.Canceled, Assert.Single(result.Objects<HitlJob>()).Status);
            Assert.Equal(new[] { 502, 400 }, Requests("DELETE", "/v1/jobs/").Select(r => r.ResponseStatus));
            Assert.Equal("canceled", Account.Hitl.GetJob(_projectId, job.JobId)!.Status);
        }

        [Fact]
        public void An_HTML_error_page_is_summarised_with_its_status_not_dumped()
        {
            Account.Faults.Add("GET", "/v1/projects/*", new Fault { HtmlBody = true, Status = 404 });

            var result = RunConnected("Get-HitlProject -ProjectId nope");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Contains("HTML error page", error.Exception.Message);
            Assert.DoesNotContain("<html", error.Exception.Message, System.StringComparison.OrdinalIgnoreCase);
        }
    }
}
