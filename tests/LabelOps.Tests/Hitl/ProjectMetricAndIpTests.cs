using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    public sealed class ProjectMetricAndIpTests : HitlTest
    {
        [Fact]
        public void New_HitlProject_creates_a_new_project_and_Get_HitlProject_reads_its_status()
        {
            var result = RunConnected("$p = New-HitlProject -Name 'Street scenes' -InstructionsFileUrl https://docs.example.test/guide.pdf -Confirm:$false\n$p\nGet-HitlProject -ProjectId $p.ProjectId");

            Assert.Empty(result.Errors);
            var projects = result.Objects<HitlProject>();
            Assert.Equal(2, projects.Count);
            Assert.Equal("Street scenes", projects[0].Name);
            Assert.Equal("new", projects[1].Status);
            Assert.Equal("new", Account.Hitl.GetProjectStatus(projects[0].ProjectId));
            using var body = JsonDocument.Parse(Requests("POST", "/v1/projects").Single().Body);
            Assert.Equal("Street scenes", body.RootElement.GetProperty("name").GetString());
            Assert.Equal("https://docs.example.test/guide.pdf", body.RootElement.GetProperty("instructions_file_url").GetString());
        }

        [Theory]
        [InlineData("https://docs.example.test/guide.txt")]
        [InlineData("guide.pdf")]
        public void New_HitlProject_rejects_instructions_that_are_not_an_http_pdf_docx_or_image_without_sending(string url)
        {
            var result = RunConnected("New-HitlProject -Name x -InstructionsFileUrl $u -Confirm:$false", new Dictionary<string, object?> { ["u"] = url });

            Assert.StartsWith("LabelOps.InvalidArgument", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void New_HitlProject_with_WhatIf_creates_nothing()
        {
            var result = RunConnected("New-HitlProject -Name x -InstructionsFileUrl https://docs.example.test/g.pdf -WhatIf");

            Assert.Empty(result.Output);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Get_HitlMetric_sends_the_documented_query_and_flattens_one_row_per_project_per_period()
        {
            var a = Account.Hitl.AddProject("Alpha", "active");
            var b = Account.Hitl.AddProject("Beta", "active");
            var done = Account.Hitl.AddJob(a);
            Account.Hitl.SetJobStatus(a, done.JobId, "progress");
            Account.Hitl.SetJobStatus(a, done.JobId, "done");
            Account.Hitl.AddJob(a);
            Account.Hitl.AddJob(b);
            var today = DateTime.UtcNow.Date;

            var result = RunConnected("Get-HitlMetric -GroupBy Day -StartDate $start -EndDate $end -ProjectId $a, $b",
                new Dictionary<string, object?> { ["start"] = today.AddDays(-1), ["end"] = today.AddDays(2), ["a"] = a, ["b"] = b });

            Assert.Empty(result.Errors);
            var request = Assert.Single(Account.Requests);
            Assert.Equal("/v1/metrics", request.Path);
            Assert.Contains("period_group_level=day", request.QueryString);
            Assert.Contains("period_start_date=" + today.AddDays(-1).ToString("yyyy-MM-dd"), request.QueryString);
            Assert.Contains("period_end_date=" + today.AddDays(2).ToString("yyyy-MM-dd"), request.QueryString);
            Assert.Contains("project_ids=" + a + "%2C" + b, request.QueryString);
            var rows = result.Objects<HitlMetric>();
            var alpha = Assert.Single(rows, r => r.ProjectId == a);
            Assert.Equal("Alpha", alpha.ProjectName);
            Assert.Equal(2, alpha.JobsAll);
            Assert.Equal(1, alpha.JobsDone);
            Assert.Equal(1, alpha.JobsNew);
            Assert.Equal(today, alpha.PeriodStart);
            Assert.NotNull(alpha.AvgJobLifespanSeconds);
            var beta = Assert.Single(rows, r => r.ProjectId == b);
            Assert.Equal(1, beta.JobsNew);
            Assert.Null(beta.AvgSecondsToFinishJob);
        }

        [Fact]
        public void Get_HitlEgressIp_returns_an_IPAddress()
        {
            var result = RunConnected("Get-HitlEgressIp");

            Assert.Equal(IPAddress.Parse("203.0.113.10"), Assert.Single(result.Objects<IPAddress>()));
        }
    }
}
