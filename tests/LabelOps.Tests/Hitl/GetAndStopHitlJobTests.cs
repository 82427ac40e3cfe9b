using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    public sealed class GetAndStopHitlJobTests : HitlTest
    {
        private readonly string _projectId;

        public GetAndStopHitlJobTests()
        {
            _projectId = Account.Hitl.AddProject("Jobs", "active");
            Shell.SetVariable("ProjectId", _projectId);
        }

        [Fact]
        public void Get_HitlJob_returns_a_typed_job_whose_annotations_work_with_dot_notation()
        {
            var job = Account.Hitl.AddJob(_projectId, new[] { "https://files.example.test/cat.png" });
            Account.Hitl.SetJobStatus(_projectId, job.JobId, "progress");
            Account.Hitl.SetJobStatus(_projectId, job.JobId, "done", new JsonObject { ["objects"] = new JsonArray(new JsonObject { ["label"] = "cat", ["score"] = 0.9 }) });

            var result = RunConnected(
                "$j = Get-HitlJob -ProjectId $ProjectId -JobId $JobId\n$j\n$j.Annotations.objects[0].label\n$j.Annotations.Objects[0].score",
                new Dictionary<string, object?> { ["JobId"] = job.JobId });

            Assert.Empty(result.Errors);
            var typed = Assert.Single(result.Objects<HitlJob>());
            Assert.Equal("done", typed.Status);
            Assert.NotNull(typed.CreateDate);
            Assert.NotNull(typed.StartDate);
            Assert.NotNull(typed.FinishDate);
            Assert.True(typed.FinishDate >= typed.StartDate);
            Assert.Contains("/v1/files/", typed.ImageUrl);
            Assert.Contains("LabelOps.HitlJob", result.Output[0].TypeNames);
            Assert.Equal("cat", result.Output[1].BaseObject);
            Assert.Equal(0.9, result.Output[2].BaseObject);
        }

        [Fact]
        public void Get_HitlJob_without_JobId_reads_the_whole_project_in_one_bulk_request_and_filters_by_Status()
        {
            var a = Account.Hitl.AddJob(_projectId);
            var b = Account.Hitl.AddJob(_projectId);
            var c = Account.Hitl.AddJob(_projectId);
            Account.Hitl.SetJobStatus(_projectId, b.JobId, "progress");

            var result = RunConnected("Get-HitlJob -ProjectId $ProjectId -Status new");

            Assert.Equal(new[] { a.JobId, c.JobId }.OrderBy(x => x), result.Objects<HitlJob>().Select(j => j.JobId).OrderBy(x => x));
            var request = Assert.Single(Account.Requests);
            Assert.Equal("/v1/jobs/" + _projectId, request.Path);
        }

        [Fact]
        public void One_missing_job_among_several_is_one_NotFound_error_and_the_others_are_still_returned()
        {
            var a = Account.Hitl.AddJob(_projectId);
            var b = Account.Hitl.AddJob(_projectId);

            var result = RunConnected("Get-HitlJob -ProjectId $ProjectId -JobId $ids", new Dictionary<string, object?> { ["ids"] = new[] { a.JobId, "missing-job", b.JobId } });

            Assert.Equal(new[] { a.JobId, b.JobId }, result.Objects<HitlJob>().Select(j => j.JobId));
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("missing-job", error.TargetObject);
            var exception = Assert.IsType<global::LabelOps.LabelOpsException>(error.Exception);
            Assert.Equal(404, exception.StatusCode);
            Assert.Equal("GET", exception.Method);
            Assert.Contains("Job not found", exception.ServiceMessage);
        }

        [Fact]
        public void Jobs_piped_from_Get_HitlJob_through_Where_Object_are_cancelled_by_Stop_HitlJob()
        {
            var fresh = Account.Hitl.AddJob(_projectId);
            var working = Account.Hitl.AddJob(_projectId);
            Account.Hitl.SetJobStatus(_projectId, working.JobId, "progress");
            var fresh2 = Account.Hitl.AddJob(_projectId);

            var result = RunConnected("Get-HitlJob -ProjectId $ProjectId | Where-Object Status -eq new | Stop-HitlJob -Confirm:$false");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal("canceled", Account.Hitl.GetJob(_projectId, fresh.JobId)!.Status);
            Assert.Equal("canceled", Account.Hitl.GetJob(_projectId, fresh2.JobId)!.Status);
            Assert.Equal("progress", Account.Hitl.GetJob(_projectId, working.JobId)!.Status);
            Assert.Equal(
                new[] { fresh.JobId, fresh2.JobId }.OrderBy(x => x),
                Requests("DELETE", "/v1/jobs/").Select(r => r.Path.Split('/').Last()).OrderBy(x => x));
        }

        [Fact]
        public void Stop_HitlJob_with_WhatIf_sends_no_request()
        {
            var job = Account.Hitl.AddJob(_projectId);

            var result = RunConnected("Stop-HitlJob -ProjectId $ProjectId -JobId $id -WhatIf", new Dictionary<string, object?> { ["id"] = job.JobId });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
            Assert.Equal("new", Account.Hitl.GetJob(_projectId, job.JobId)!.Status);
        }

        [Fact]
        public void Stop_HitlJob_PassThru_writes_the_canceled_job_from_the_services_list_reply()
        {
            var job = Account.Hitl.AddJob(_projectId);

            var result = RunConnected("Stop-HitlJob -ProjectId $ProjectId -JobId $id -PassThru -Confirm:$false", new Dictionary<string, object?> { ["id"] = job.JobId });

            var canceled = Assert.Single(result.Objects<HitlJob>());
            Assert.Equal(job.JobId, canceled.JobId);
            Assert.Equal("canceled", canceled.Status);
            Assert.NotNull(canceled.FinishDate);
        }

        [Fact]
        public void Cancelling_a_finished_job_is_an_InvalidOperation_error_naming_its_status()
        {
            var job = Account.Hitl.AddJob(_projectId);
            Account.Hitl.SetJobStatus(_projectId, job.JobId, "done");

            var result = RunConnected("Stop-HitlJob -ProjectId $ProjectId -JobId $id -Confirm:$false", new Dictionary<string, object?> { ["id"] = job.JobId });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidOperation", error.FullyQualifiedErrorId);
            Assert.Contains("'done'", error.Exception.Message);
            Assert.Equal(job.JobId, error.TargetObject);
        }

        [Fact]
        public void Project_ids_with_slashes_or_dots_are_escaped_into_one_path_segment_never_a_different_route()
        {
            var result = RunConnected("Get-HitlJob -ProjectId '../projects/x' -JobId 'a?b#c'");

            Assert.StartsWith("LabelOps.NotFound", Assert.Single(result.Errors).FullyQualifiedErrorId);
            var request = Assert.Single(Account.Requests);
            // The server decodes everything but '/', so the job ID arrives whole, and '?' and '#' never became a query or fragment.
            Assert.Equal("/v1/jobs/..%2Fprojects%2Fx/a?b#c", request.Path);
            Assert.Equal(string.Empty, request.QueryString);
        }
    }
}
