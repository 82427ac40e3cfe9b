using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    /// <summary>Add-AngoProjectMember, Set-AngoProjectInstruction, Get-AngoProjectPerformance and Get-AngoMetric.</summary>
    public sealed class ProjectsAsCodeMembersInstructionsAndMetricsTests : AngoTest
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "labelops-instructions-" + Guid.NewGuid().ToString("N"));

        public ProjectsAsCodeMembersInstructionsAndMetricsTests() => Directory.CreateDirectory(_folder);

        public override void Dispose()
        {
            base.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private static Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

        private static object? Property(PSObject row, string name) => row.Properties[name]?.Value;

        [Fact]
        public void Add_AngoProjectMember_posts_the_emails_and_role_to_the_assigned_path_and_PassThru_shows_the_members()
        {
            var id = Ango.AddProject("P");

            var result = RunConnected("Add-AngoProjectMember -ProjectId $id -Email ann@example.test, bob@example.test -Role reviewer -PassThru", Vars(("id", id)));

            Assert.Empty(result.Errors);
            var request = Assert.Single(Requests("POST", "/v2/project/"));
            Assert.Equal("/v2/project/" + id + "/assigned", request.Path);
            var body = JsonNode.Parse(request.Body)!;
            Assert.Equal(new[] { "ann@example.test", "bob@example.test" }, body["assignees"]!.AsArray().Select(e => (string?)e));
            Assert.Equal("Reviewer", (string?)body["role"]);
            var members = Ango.GetProject(id)!["assignedTo"]!.AsArray();
            Assert.Equal(new[] { "ann@example.test:Reviewer", "bob@example.test:Reviewer" }, members.Select(m => (string?)m!["assignee"] + ":" + (string?)m["role"]));
            Assert.Equal(id, Assert.Single(result.Objects<AngoProject>()).ProjectId);
        }

        [Fact]
        public void Add_AngoProjectMember_binds_rows_by_property_name_one_request_per_row()
        {
            var id = Ango.AddProject("P");

            var result = RunConnected(
                "[pscustomobject]@{ ProjectId = $id; Email = 'ann@example.test'; Role = 'Labeler' }, [pscustomobject]@{ ProjectId = $id; Email = 'lea@example.test'; Role = 'Lead' } | Add-AngoProjectMember",
                Vars(("id", id)));

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal(2, Requests("POST", "/v2/project/").Count);
            Assert.Equal(new[] { "Labeler", "Lead" }, Ango.GetProject(id)!["assignedTo"]!.AsArray().Select(m => (string?)m!["role"]));
        }

        [Fact]
        public void Add_AngoProjectMember_with_WhatIf_sends_nothing()
        {
            var id = Ango.AddProject("P");

            var result = RunConnected("Add-AngoProjectMember -ProjectId $id -Email ann@example.test -Role Labeler -WhatIf", Vars(("id", id)));

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
        }

        [Theory]
        [InlineData("-Email 'not-an-address' -Role Labeler", "LabelOps.InvalidArgument")]
        [InlineData("-Email ann@example.test -Role Owner", "ParameterArgumentValidationError")]
        public void Add_AngoProjectMember_with_a_bad_email_or_role_sends_nothing(string arguments, string errorId)
        {
            var id = Ango.AddProject("P");

            var result = RunConnected("Add-AngoProjectMember -ProjectId $id " + arguments, Vars(("id", id)));

            Assert.StartsWith(errorId, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Add_AngoProjectMember_to_an_unknown_project_is_NotFound()
        {
            var result = RunConnected("Add-AngoProjectMember -ProjectId nope -Email ann@example.test -Role Labeler");

            Assert.Equal(new[] { "LabelOps.NotFound" }, result.ErrorIds);
            Assert.Equal("nope", result.Errors[0].TargetObject);
        }

        [Fact]
        public void Set_AngoProjectInstruction_uploads_the_file_as_multipart_field_file_and_the_project_points_at_it()
        {
            var id = Ango.AddProject("P");
            var path = Path.Combine(_folder, "guide.md");
            File.WriteAllText(path, "# Label every car\nDraw tight boxes.");

            var result = RunConnected("[System.IO.FileInfo]::new($path) | Set-AngoProjectInstruction -ProjectId $id -PassThru", Vars(("id", id), ("path", path)));

            Assert.Empty(result.Errors);
            var request = Assert.Single(Requests("POST", "/v2/project/"));
            Assert.Equal("/v2/project/" + id + "/instructions", request.Path);
            Assert.StartsWith("multipart/form-data", request.Headers["content-type"]);
            var file = Ango.GetInstructionsFile(id)!;
            Assert.Equal("guide.md", file.FileName);
            Assert.Equal("text/markdown", file.ContentType);
            Assert.Equal(File.ReadAllBytes(path), file.Content);
            Assert.Equal(file.Url, (string?)Ango.GetProject(id)!["instructions"]);
            Assert.Equal(id, Assert.Single(result.Objects<AngoProject>()).ProjectId);
        }

        [Theory]
        [InlineData("guide.exe", "not a supported instructions file")]
        [InlineData("missing.pdf", "There is no file")]
        [InlineData("empty.pdf", "is empty")]
        public void Set_AngoProjectInstruction_refuses_a_missing_empty_or_unsupported_file_and_sends_nothing(string name, string message)
        {
            var id = Ango.AddProject("P");
            if (name != "missing.pdf") File.WriteAllText(Path.Combine(_folder, name), name == "empty.pdf" ? string.Empty : "MZ");

            var result = RunConnected("Set-AngoProjectInstruction -ProjectId $id -Path $path", Vars(("id", id), ("path", Path.Combine(_folder, name))));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains(message, error.Exception.Message);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Set_AngoProjectInstruction_with_WhatIf_sends_nothing()
        {
            var id = Ango.AddProject("P");
            var path = Path.Combine(_folder, "guide.pdf");
            File.WriteAllBytes(path, Encoding.ASCII.GetBytes("%PDF-1.4 fake"));

            var result = RunConnected("Set-AngoProjectInstruction -ProjectId $id -Path $path -WhatIf", Vars(("id", id), ("path", path)));

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
            Assert.Null(Ango.GetInstructionsFile(id));
        }

        [Fact]
        public void Set_AngoProjectInstruction_for_an_unknown_project_is_NotFound()
        {
            var path = Path.Combine(_folder, "guide.html");
            File.WriteAllText(path, "<h1>Guide</h1>");

            var result = RunConnected("Set-AngoProjectInstruction -ProjectId nope -Path $path", Vars(("path", path)));

            Assert.Equal(new[] { "LabelOps.NotFound" }, result.ErrorIds);
        }

        private string ProjectWithWork()
        {
            var id = Ango.AddProject("P");
            var tasks = Ango.AddAssets(id, 4);
            Ango.UpdateTask(tasks[0], t => { t["assignee"] = "ann@example.test"; t["status"] = "Completed"; t["duration"] = 30; });
            Ango.UpdateTask(tasks[1], t => { t["assignee"] = "ann@example.test"; t["status"] = "Completed"; t["duration"] = 50; });
            Ango.UpdateTask(tasks[2], t => { t["assignee"] = "bob@example.test"; });
            return id;
        }



        [Fact]
        public void Get_AngoProjectPerformance_with_EndDate_before_StartDate_is_InvalidArgument_and_sends_nothing()
        {
            var result = RunConnected("Get-AngoProjectPerformance -ProjectId p1 -StartDate 2026-02-01 -EndDate 2026-01-01");

            Assert.Equal(new[] { "LabelOps.InvalidArgument" }, result.ErrorIds);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Get_AngoProjectPerformance_changes_nothing_so_it_is_retried_like_a_read()
        {
            var id = ProjectWithWork();
            Account.Faults.Add("POST", "/v2/performance/*", new Fault { Status = 503 });

            var result = RunConnected("Get-AngoProjectPerformance -ProjectId $id", Vars(("id", id)));

            Assert.Empty(result.Errors);
            Assert.Equal(2, result.Output.Count);
            Assert.Equal(2, Account.Requests.Count);
        }

        [Fact]
        public void Get_AngoProjectPerformance_for_an_unknown_project_is_NotFound()
        {
            var result = RunConnected("Get-AngoProjectPerformance -ProjectId nope");

            Assert.Equal(new[] { "LabelOps.NotFound" }, result.ErrorIds);
        }



        [Fact]
        public void Get_AngoMetric_with_a_metric_outside_the_SDK_enum_is_refused_before_sending()
        {
            var result = RunConnected("Get-AngoMetric -ProjectId p1 -Metric Throughput");

            Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(Account.Requests);
        }


        [Theory]
        [InlineData("New-AngoProject")]
        [InlineData("Get-AngoCategorySchema")]
        [InlineData("Set-AngoCategorySchema")]
        [InlineData("Get-AngoWorkflow")]
        [InlineData("Set-AngoWorkflow")]
        [InlineData("Add-AngoProjectMember")]
        [InlineData("Set-AngoProjectInstruction")]
        [InlineData("Get-AngoProjectPerformance")]
        [InlineData("Get-AngoMetric")]
        public void Help_for_the_cmdlet_has_a_synopsis_and_at_least_two_examples(string command)
        {
            var result = Shell.Run("$h = Get-Help " + command + " -Full\n$h.Synopsis\n@($h.examples.example).Count");

            Assert.Empty(result.Errors);
            var synopsis = (string)result.Output[0].BaseObject;
            Assert.DoesNotContain(command + " ", synopsis); // the generated fallback synopsis is the syntax line
            Assert.True((int)result.Output[1].BaseObject >= 2);
        }
    }
}
