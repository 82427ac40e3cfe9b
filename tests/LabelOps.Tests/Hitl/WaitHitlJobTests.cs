using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    public sealed class WaitHitlJobTests : HitlTest
    {
        private readonly string _projectId;

        public WaitHitlJobTests()
        {
            _projectId = Account.Hitl.AddProject("Waiting", "active");
            Shell.SetVariable("ProjectId", _projectId);
        }

        [Fact]
        public void Wait_HitlJob_polls_several_jobs_of_a_project_with_one_bulk_request_per_interval_and_emits_each_as_it_finishes()
        {
            var jobs = Enumerable.Range(0, 3).Select(_ => Account.Hitl.AddJob(_projectId)).ToList();
            Account.Hitl.SetJobStatus(_projectId, jobs[0].JobId, "progress");
            Account.Hitl.SetJobStatus(_projectId, jobs[0].JobId, "done");
            Shell.Run(Connect).ThrowIfFailed();
            Account.ClearRequests();

            using var running = Shell.Start("Get-HitlJob -ProjectId $ProjectId | Wait-HitlJob -PollInterval 0.05 -Timeout 30");
            Conditions.WaitUntil(() => running.Result.Objects<HitlJob>().Any(), "the already finished job to be written");
            Account.Hitl.SetJobStatus(_projectId, jobs[2].JobId, "error", error: "unreadable image");
            Conditions.WaitUntil(() => running.Result.Objects<HitlJob>().Count() == 2, "the errored job to be written");
            Account.Hitl.SetJobStatus(_projectId, jobs[1].JobId, "done");
            running.Completion.Wait(TimeSpan.FromSeconds(30));

            Assert.Empty(running.Result.Errors);
            Assert.Equal(new[] { jobs[0].JobId, jobs[2].JobId, jobs[1].JobId }, running.Result.Objects<HitlJob>().Select(j => j.JobId));
            Assert.Equal("unreadable image", running.Result.Objects<HitlJob>().ElementAt(1).Error);
            var polls = Account.Requests.Skip(1).ToList(); // the first is Get-HitlJob's own listing
            // While two or more jobs are pending each poll is one bulk request; the last job left is read directly.
            var bulk = polls.TakeWhile(r => r.Path == "/v1/jobs/" + _projectId).Count();
            Assert.True(bulk >= 2, "expected bulk polls while several jobs were pending");
            Assert.All(polls.Skip(bulk), r => Assert.Equal("/v1/jobs/" + _projectId + "/" + jobs[1].JobId, r.Path));
        }

        [Fact]
        public void Wait_HitlJob_on_a_single_job_reads_that_job_directly()
        {
            var job = Account.Hitl.AddJob(_projectId);
            Account.Hitl.SetJobStatus(_projectId, job.JobId, "expired");

            var result = RunConnected("Wait-HitlJob -ProjectId $ProjectId -JobId $id -PollInterval 0.05", new Dictionary<string, object?> { ["id"] = job.JobId });

            Assert.Equal("expired", Assert.Single(result.Objects<HitlJob>()).Status);
            Assert.Equal("/v1/jobs/" + _projectId + "/" + job.JobId, Assert.Single(Account.Requests).Path);
        }

        [Fact]
        public void Jobs_still_running_at_Timeout_give_one_WaitTimeout_error_each_naming_their_status()
        {
            var done = Account.Hitl.AddJob(_projectId);
            Account.Hitl.SetJobStatus(_projectId, done.JobId, "done");
            var stuck1 = Account.Hitl.AddJob(_projectId);
            var stuck2 = Account.Hitl.AddJob(_projectId);
            Account.Hitl.SetJobStatus(_projectId, stuck2.JobId, "progress");

            var result = RunConnected("Wait-HitlJob -ProjectId $ProjectId -JobId $ids -PollInterval 0.05 -Timeout 0.3",
                new Dictionary<string, object?> { ["ids"] = new[] { done.JobId, stuck1.JobId, stuck2.JobId } });

            Assert.Equal(done.JobId, Assert.Single(result.Objects<HitlJob>()).JobId);
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.ErrorIds, id => Assert.Equal("LabelOps.WaitTimeout", id));
            Assert.Contains(result.Errors, e => e.Exception.Message.Contains(stuck1.JobId) && e.Exception.Message.Contains("'new'"));
            Assert.Contains(result.Errors, e => e.Exception.Message.Contains(stuck2.JobId) && e.Exception.Message.Contains("'progress'"));
            Assert.IsType<HitlJob>(result.Errors[0].TargetObject);
        }

        [Fact]
        public void Ctrl_C_during_a_long_wait_stops_within_a_second()
        {
            var job = Account.Hitl.AddJob(_projectId);
            Shell.Run(Connect).ThrowIfFailed();
            Account.ClearRequests();

            using var running = Shell.Start("Wait-HitlJob -ProjectId $ProjectId -JobId $id -PollInterval 600 -Timeout 3600", new Dictionary<string, object?> { ["id"] = job.JobId });
            Conditions.WaitUntil(() => Account.Requests.Count >= 1, "the first poll");
            var watch = Stopwatch.StartNew();
            running.Stop();
            var finished = running.Completion.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(5));
            watch.Stop();

            Assert.True(finished, "the pipeline did not end after Stop()");
            Assert.True(watch.ElapsedMilliseconds < 1000, "Stop took " + watch.ElapsedMilliseconds + " ms");
            Assert.Empty(running.Result.Objects<HitlJob>());
        }

        [Fact]
        public void Ctrl_C_during_retry_backoff_stops_within_a_second()
        {
            var job = Account.Hitl.AddJob(_projectId);
            Shell.Run("Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 30 -MaximumRetryCount 5").ThrowIfFailed();
            Account.ClearRequests();
            Account.Faults.Add("GET", "/v1/jobs/*/*", new Emulator.Fault { Status = 503 }, times: 5);

            using var running = Shell.Start("Get-HitlJob -ProjectId $ProjectId -JobId $id", new Dictionary<string, object?> { ["id"] = job.JobId });
            Conditions.WaitUntil(() => Account.Requests.Count >= 1, "the first failed attempt");
            var watch = Stopwatch.StartNew();
            running.Stop();
            var finished = running.Completion.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(5));

            Assert.True(finished && watch.ElapsedMilliseconds < 1000, "Stop took " + watch.ElapsedMilliseconds + " ms");
            Assert.Single(Account.Requests);
        }
    }
}
