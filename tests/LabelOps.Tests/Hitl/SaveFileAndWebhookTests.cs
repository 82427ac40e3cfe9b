using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    public sealed class SaveFileAndWebhookTests : HitlTest
    {
        private readonly string _projectId;
        private readonly string _folder;

        public SaveFileAndWebhookTests()
        {
            _projectId = Account.Hitl.AddProject("Files", "active");
            _folder = Path.Combine(Path.GetTempPath(), "labelops-tests-" + Guid.NewGuid().ToString("N"));
            Shell.SetVariable("ProjectId", _projectId);
            Shell.SetVariable("Folder", _folder);
        }

        [Fact]
        public void Save_HitlJobFile_streams_the_jobs_image_into_a_folder_sending_the_key_to_the_API_host()
        {
            var job = Account.Hitl.AddJob(_projectId, new[] { "https://files.example.test/street.png" });
            Directory.CreateDirectory(_folder);
            Account.Hitl.SetJobStatus(_projectId, job.JobId, "done");

            var result = RunConnected("Get-HitlJob -ProjectId $ProjectId -JobId $id | Save-HitlJobFile -Path $Folder", new Dictionary<string, object?> { ["id"] = job.JobId });

            Assert.Empty(result.Errors);
            var file = Assert.Single(result.Objects<FileInfo>());
            Assert.Equal(_folder, file.DirectoryName);
            Assert.Equal("street.png", file.Name);
            var download = Account.Requests.Last();
            Assert.StartsWith("/v1/files/", download.Path);
            Assert.Equal("api_key " + Account.ApiKey, download.Headers["authorization"]);
            Assert.True(file.Length > 0);
            Assert.Equal(0x89, File.ReadAllBytes(file.FullName)[0]); // the emulator serves a PNG
            Assert.False(File.Exists(file.FullName + ".partial"));
        }

        [Fact]
        public void Save_HitlJobFile_never_sends_the_key_to_another_host()
        {
            var job = Account.Hitl.AddJob(_projectId, new[] { "https://files.example.test/x.png" });
            // Same server, different host name: to the client it is another host, so no key may go there.
            var elsewhere = "http://localhost:" + Emulator.BaseUri.Port + "/v1/files/" + _projectId + "/" + job.JobId + "/x.png";

            var result = RunConnected("Save-HitlJobFile -ProjectId $ProjectId -JobId $id -ImageUrl $url -Path $Folder",
                new Dictionary<string, object?> { ["id"] = job.JobId, ["url"] = elsewhere });

            Assert.StartsWith("LabelOps.Unauthorized", Assert.Single(result.Errors).FullyQualifiedErrorId);
            var received = Emulator.UnauthenticatedRequests.Where(r => r.Path.Contains(job.JobId)).ToList();
            Assert.NotEmpty(received);
            Assert.All(received, r => Assert.False(r.Headers.ContainsKey("authorization")));
        }

        [Fact]
        public void Save_HitlJobFile_refuses_to_overwrite_without_Force()
        {
            var job = Account.Hitl.AddJob(_projectId, new[] { "https://files.example.test/same.png" });
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Path.Combine(_folder, "same.png"), "keep me");

            var result = RunConnected("Save-HitlJobFile -ProjectId $ProjectId -JobId $id -Path $Folder\nSave-HitlJobFile -ProjectId $ProjectId -JobId $id -Path $Folder -Force",
                new Dictionary<string, object?> { ["id"] = job.JobId });

            Assert.StartsWith("LabelOps.InvalidOperation", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Single(result.Objects<FileInfo>());
            Assert.NotEqual("keep me", File.ReadAllText(Path.Combine(_folder, "same.png")));
        }

        [Fact]
        public void ConvertFrom_HitlWebhook_reads_a_body_string_a_WebhookData_object_and_WebhookData_JSON()
        {
            var body = new JsonObject
            {
                ["project_id"] = "p1",
                ["job_id"] = "j1",
                ["status"] = "done",
                ["create_date"] = "2026-11-20T10:00:00",
                ["finish_date"] = "2026-11-20T10:05:00+00:00",
                ["annotations"] = new JsonObject { ["label"] = "dog" },
                ["image"] = "https://api.example.test/img.png",
            }.ToJsonString();
            var webhookData = new JsonObject { ["WebhookName"] = "hitl", ["RequestBody"] = body, ["RequestHeader"] = new JsonObject() }.ToJsonString();

            var result = Shell.Run(
                "ConvertFrom-HitlWebhook -Body $body\n" +
                "[pscustomobject]@{ WebhookName = 'hitl'; RequestBody = $body } | ConvertFrom-HitlWebhook\n" +
                "ConvertFrom-HitlWebhook -Body $whd\n" +
                "(ConvertFrom-HitlWebhook $body).Annotations.label",
                new Dictionary<string, object?> { ["body"] = body, ["whd"] = webhookData });

            Assert.Empty(result.Errors);
            var jobs = result.Objects<HitlJob>();
            Assert.Equal(3, jobs.Count);
            Assert.All(jobs, j => Assert.Equal("j1", j.JobId));
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), jobs[0].CreateDate);
            Assert.Equal("dog", result.Output.Last().BaseObject);
        }

        [Fact]
        public void ConvertFrom_HitlWebhook_reports_a_body_that_is_not_a_job_as_InvalidArgument()
        {
            var result = Shell.Run("ConvertFrom-HitlWebhook -Body 'not json'\nConvertFrom-HitlWebhook -Body '{\"status\":\"done\"}'");

            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.ErrorIds, id => Assert.Equal("LabelOps.InvalidArgument", id));
        }

        public override void Dispose()
        {
            base.Dispose();
            if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }
    }
}
