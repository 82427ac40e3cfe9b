using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace LabelOps.Tests.Runbooks
{
    /// <summary>samples/runbooks/Stop-StaleHitlJob.ps1, run with -WhatIf and then twice against the emulator.</summary>
    public sealed class StopStaleHitlJobTests : RunbookTest
    {
        private const string Runbook = "Stop-StaleHitlJob.ps1";

        [Fact]
        public void Stale_job_cancel_cancels_only_new_jobs_older_than_the_limit_once_and_WhatIf_cancels_nothing()
        {
            var hitl = Account.Hitl;
            var projectId = hitl.AddProject("Hourly");
            var stale = hitl.AddJob(projectId);
            var staleToo = hitl.AddJob(projectId);
            var fresh = hitl.AddJob(projectId);
            var started = hitl.AddJob(projectId, status: "progress");
            // Arranged ages: two waiting jobs three hours old, one waiting job made just now, and a started old one.
            stale.CreateDate = staleToo.CreateDate = started.CreateDate = DateTimeOffset.UtcNow.AddHours(-3);
            var parameters = new Hashtable { ["ProjectId"] = projectId, ["OlderThanMinutes"] = 60 };

            var whatIf = RunRunbook(Runbook, new Hashtable(parameters) { ["WhatIf"] = new SwitchParameter(true) });

            Assert.Empty(whatIf.Errors);
            Assert.Null(whatIf.Terminating);
            Assert.Empty(whatIf.Output);
            Assert.Empty(Requests("DELETE", "/v1/jobs/"));
            Assert.All(new[] { stale, staleToo, fresh }, j => Assert.Equal("new", hitl.GetJob(projectId, j.JobId)!.Status));

            Account.ClearRequests();
            var first = RunRunbook(Runbook, parameters);

            Assert.Empty(first.Errors);
            var cancelled = first.Objects<HitlJob>();
            Assert.Equal(new[] { stale.JobId, staleToo.JobId }.OrderBy(i => i), cancelled.Select(j => j.JobId).OrderBy(i => i));
            Assert.All(cancelled, j => Assert.Equal("canceled", j.Status));
            Assert.Equal(
                new[] { "/v1/jobs/" + projectId + "/" + stale.JobId, "/v1/jobs/" + projectId + "/" + staleToo.JobId }.OrderBy(p => p),
                Requests("DELETE", "/v1/jobs/").Select(r => r.Path).OrderBy(p => p));
            Assert.Equal("new", hitl.GetJob(projectId, fresh.JobId)!.Status);
            Assert.Equal("progress", hitl.GetJob(projectId, started.JobId)!.Status);
            Assert.Contains("Credential:HITL", AutomationCalls);
            Assert.Contains("Variable:HitlBaseUri", AutomationCalls);
            Assert.All(Account.Requests, r => Assert.Equal("api_key " + Account.ApiKey, r.Headers["authorization"]));

            Account.ClearRequests();
            var second = RunRunbook(Runbook, parameters);

            Assert.Empty(second.Errors);
            Assert.Empty(second.Output);
            Assert.Empty(Requests("DELETE", "/v1/jobs/"));
            Assert.Equal("new", hitl.GetJob(projectId, fresh.JobId)!.Status);
        }

        [Fact]
        public void Stale_job_cancel_without_a_project_stops_before_connecting()
        {
            var result = RunRunbook(Runbook, new Hashtable());

            Assert.NotNull(result.Terminating);
            Assert.Contains("-ProjectId", result.Terminating!.Message);
            Assert.Contains("Variable:HitlProjectId", AutomationCalls);
            Assert.Empty(Account.Requests);
        }
    }
}
