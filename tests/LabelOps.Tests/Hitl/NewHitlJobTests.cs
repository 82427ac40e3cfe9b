using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    public sealed class NewHitlJobTests : HitlTest
    {
        private readonly string _projectId;

        public NewHitlJobTests()
        {
            _projectId = Account.Hitl.AddProject("Jobs", "active");
            Shell.SetVariable("ProjectId", _projectId);
        }

        [Fact]
        public void New_HitlJob_sends_the_documented_snake_case_body_and_returns_a_typed_job()
        {
            var result = RunConnected(
                "New-HitlJob -ProjectId $ProjectId -FileUrl 'https://files.example.test/a.png','https://files.example.test/b.JPG' " +
                "-Prediction @{ objects = @(@{ label = 'car'; points = @(1, 2) }) } -WebhookUrl 'https://hooks.example.test/done' " +
                "-WebhookHeader @{ 'X-Token' = 'abc' } -ExpirationMinutes 60");

            Assert.Empty(result.Errors);
            var job = Assert.Single(result.Objects<HitlJob>());
            Assert.Equal(_projectId, job.ProjectId);
            Assert.Equal("new", job.Status);
            Assert.Equal(new[] { "https://files.example.test/a.png", "https://files.example.test/b.JPG" }, job.FileUrl);
            var stored = Account.Hitl.GetJob(_projectId, job.JobId);
            Assert.NotNull(stored);

            var post = Assert.Single(Requests("POST", "/v1/jobs"));
            using var body = JsonDocument.Parse(post.Body);
            var root = body.RootElement;
            Assert.Equal(_projectId, root.GetProperty("project_id").GetString());
            Assert.Equal(2, root.GetProperty("file_urls").GetArrayLength());
            Assert.Equal("car", root.GetProperty("predictions").GetProperty("objects")[0].GetProperty("label").GetString());
            Assert.Equal(2, root.GetProperty("predictions").GetProperty("objects")[0].GetProperty("points")[1].GetInt32());
            Assert.Equal("https://hooks.example.test/done", root.GetProperty("webhook_url").GetString());
            Assert.Equal("abc", root.GetProperty("webhook_headers").GetProperty("X-Token").GetString());
            Assert.Equal(60, root.GetProperty("expiration_minutes").GetInt32());
        }

        [Fact]
        public void Rows_from_Import_Csv_create_one_job_each_by_property_name()
        {
            {
                // Import-Csv is not in the hosted engine (Microsoft.PowerShell.Utility); rows built the same way bind identically.
                var result = RunConnected(
                    "$rows = @([pscustomobject]@{ ProjectId = $ProjectId; FileUrl = 'https://files.example.test/1.png'; ExpirationMinutes = '30' }, " +
                    "[pscustomobject]@{ ProjectId = $ProjectId; FileUrl = 'https://files.example.test/2.png;https://files.example.test/2b.pdf'; ExpirationMinutes = '45' })\n" +
                    "$rows | New-HitlJob");

                Assert.Empty(result.Errors);
                Assert.Equal(2, result.Objects<HitlJob>().Count());
                var posts = Requests("POST", "/v1/jobs");
                Assert.Equal(2, posts.Count);
                // Creates run concurrently, so the requests may arrive in either order; the output keeps the input order.
                var second = posts.Select(p => JsonDocument.Parse(p.Body).RootElement).Single(b => b.GetProperty("file_urls").GetArrayLength() == 2);
                Assert.Equal(45, second.GetProperty("expiration_minutes").GetInt32());
                Assert.Equal(new[] { 1, 2 }, result.Objects<HitlJob>().Select(j => j.FileUrl!.Count));
                Assert.Equal(2, Account.Hitl.GetJobs(_projectId).Count);
            }
        }

        [Theory]
        [InlineData("'https://files.example.test/a.gif'", ".gif")]
        [InlineData("'files/a.png'", "not an absolute")]
        [InlineData("'ftp://files.example.test/a.png'", "not an absolute")]
        [InlineData("'https://files.example.test/noextension'", "no extension")]
        [InlineData("'  '", "at least one")]
        public void New_HitlJob_rejects_bad_file_urls_without_sending_and_the_pipeline_goes_on(string badUrl, string expectedText)
        {
            var result = RunConnected(
                "$rows = @([pscustomobject]@{ ProjectId = $ProjectId; FileUrl = " + badUrl + " }, [pscustomobject]@{ ProjectId = $ProjectId; FileUrl = 'https://files.example.test/ok.png' })\n" +
                "$rows | New-HitlJob");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains(expectedText, error.Exception.Message);
            Assert.Single(result.Objects<HitlJob>());
            Assert.Single(Requests("POST", "/v1/jobs"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1441)]
        public void New_HitlJob_rejects_expiration_outside_1_to_1440_minutes_before_sending(int minutes)
        {
            var result = RunConnected("New-HitlJob -ProjectId $ProjectId -FileUrl https://files.example.test/a.png -ExpirationMinutes " + minutes);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("ExpirationMinutes must be between 1 and 1440", error.Exception.Message);
            Assert.Empty(Requests("POST", "/v1/jobs"));
        }

        [Fact]
        public void Empty_CSV_cells_for_optional_columns_mean_not_given()
        {
            var result = RunConnected("[pscustomobject]@{ ProjectId = $ProjectId; FileUrl = 'https://files.example.test/a.png'; ExpirationMinutes = ''; Prediction = ''; WebhookUrl = ' ' } | New-HitlJob");

            Assert.Empty(result.Errors);
            using var body = JsonDocument.Parse(Assert.Single(Requests("POST", "/v1/jobs")).Body);
            Assert.False(body.RootElement.TryGetProperty("expiration_minutes", out _));
            Assert.False(body.RootElement.TryGetProperty("predictions", out _));
            Assert.False(body.RootElement.TryGetProperty("webhook_url", out _));
        }

        [Fact]
        public void New_HitlJob_with_WhatIf_sends_nothing()
        {
            var result = RunConnected("New-HitlJob -ProjectId $ProjectId -FileUrl https://files.example.test/a.png -WhatIf");

            Assert.Empty(result.Output);
            Assert.Empty(Account.Requests);
            Assert.Equal(0, Account.Hitl.JobCount);
        }

        [Fact]
        public void New_HitlJob_reports_the_services_refusal_for_an_inactive_project_as_InvalidArgument()
        {
            var inactive = Account.Hitl.AddProject("Sleeping", "new");

            var result = RunConnected("New-HitlJob -ProjectId $p -FileUrl https://files.example.test/a.png", new Dictionary<string, object?> { ["p"] = inactive });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("not active", error.Exception.Message);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }

        [Fact]
        public void A_Prediction_given_as_JSON_text_is_sent_as_JSON_not_as_a_string()
        {
            RunConnected("New-HitlJob -ProjectId $ProjectId -FileUrl https://files.example.test/a.png -Prediction '{\"boxes\":[{\"x\":1.5}]}'");

            using var body = JsonDocument.Parse(Assert.Single(Requests("POST", "/v1/jobs")).Body);
            Assert.Equal(1.5, body.RootElement.GetProperty("predictions").GetProperty("boxes")[0].GetProperty("x").GetDouble());
        }
    }
}
