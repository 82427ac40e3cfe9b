using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace LabelOps.Tests.Runbooks
{
    /// <summary>samples/runbooks/Export-AngoCompletedAnnotation.ps1, run twice against the emulator.</summary>
    public sealed class ExportAngoCompletedAnnotationTests : RunbookTest
    {
        private const string Runbook = "Export-AngoCompletedAnnotation.ps1";

        /// <summary>A project with three tasks, two of them in the Complete stage (one with an answer); returns the completed tasks' ids.</summary>
        private (string ProjectId, string[] Completed) ArrangeProject()
        {
            var projectId = Ango.AddProject("Exported");
            var tasks = Ango.AddAssets(projectId, 3);
            var complete = Ango.StageId(projectId, "Complete")!;
            Ango.UpdateTask(tasks[0], t => t["stage"] = complete);
            Ango.UpdateTask(tasks[2], t =>
            {
                t["stage"] = complete;
                t["answer"] = JsonNode.Parse("{\"objects\":[{\"title\":\"Car\",\"schemaId\":\"s1\",\"bounding-box\":{\"x\":1,\"y\":2,\"width\":3,\"height\":4}}],\"classifications\":[],\"relations\":[]}");
            });
            return (projectId, new[] { tasks[0], tasks[2] });
        }

        private static string[] FileNames(string folder) =>
            Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

        [Fact]
        public void Export_per_task_writes_one_file_per_completed_task_and_a_second_run_overwrites_them()
        {
            var (projectId, completed) = ArrangeProject();
            var parameters = new Hashtable { ["ProjectId"] = projectId, ["OutputPath"] = Folder };
            var projectFolder = Path.Combine(Folder, projectId);
            var expectedNames = completed.Select(t => t + ".json").OrderBy(n => n, StringComparer.Ordinal).ToArray();

            var first = RunRunbook(Runbook, parameters);

            Assert.Empty(first.Errors);
            Assert.Null(first.Terminating);
            Assert.Equal(expectedNames, first.Objects<FileInfo>().Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(expectedNames, FileNames(projectFolder));
            var withAnswer = JsonNode.Parse(File.ReadAllText(Path.Combine(projectFolder, completed[1] + ".json")))!;
            Assert.Equal(completed[1], (string?)withAnswer["task"]!["taskId"]);
            Assert.Equal("Complete", (string?)withAnswer["task"]!["stage"]);
            Assert.Equal("Car", (string?)withAnswer["task"]!["tools"]![0]!["title"]);
            // UTF-8 without a byte order mark.
            Assert.Equal((byte)'{', File.ReadAllBytes(Path.Combine(projectFolder, completed[0] + ".json"))[0]);
            var export = Assert.Single(Requests("GET", "/v2/exportV3"));
            Assert.Equal("[\"" + Ango.StageId(projectId, "Complete") + "\"]", Query(export)["stage"]);
            Assert.Contains("Credential:Ango", AutomationCalls);
            var firstContent = completed.Select(t => File.ReadAllText(Path.Combine(projectFolder, t + ".json"))).ToArray();

            Account.ClearRequests();
            var second = RunRunbook(Runbook, parameters);

            Assert.Empty(second.Errors);
            Assert.Equal(2, second.Objects<FileInfo>().Count);
            Assert.Equal(expectedNames, FileNames(projectFolder));
            Assert.Equal(firstContent, completed.Select(t => File.ReadAllText(Path.Combine(projectFolder, t + ".json"))));
            Assert.Single(Requests("GET", "/v2/exportV3"));
        }

        [Fact]
        public void Export_per_run_writes_one_NDJSON_file_per_run_date_and_a_second_run_replaces_it()
        {
            var (projectId, completed) = ArrangeProject();
            var parameters = new Hashtable
            {
                ["ProjectId"] = projectId,
                ["OutputPath"] = Folder,
                ["Layout"] = "PerRun",
                ["RunDate"] = new DateTime(2026, 3, 14),
            };
            var projectFolder = Path.Combine(Folder, projectId);

            var first = RunRunbook(Runbook, parameters);

            Assert.Empty(first.Errors);
            Assert.Null(first.Terminating);
            Assert.Equal("Complete-2026-03-14.ndjson", Assert.Single(first.Objects<FileInfo>()).Name);
            var lines = File.ReadAllLines(Path.Combine(projectFolder, "Complete-2026-03-14.ndjson"));
            Assert.Equal(completed, lines.Select(l => (string?)JsonNode.Parse(l)!["task"]!["taskId"]));

            // A task completed since the first run: the second run's file replaces the first's.
            var late = Ango.AddAssets(projectId, 1).Single();
            Ango.UpdateTask(late, t => t["stage"] = Ango.StageId(projectId, "Complete"));
            var second = RunRunbook(Runbook, parameters);

            Assert.Empty(second.Errors);
            Assert.Equal(new[] { "Complete-2026-03-14.ndjson" }, FileNames(projectFolder));
            Assert.Equal(completed.Append(late), File.ReadAllLines(Path.Combine(projectFolder, "Complete-2026-03-14.ndjson")).Select(l => (string?)JsonNode.Parse(l)!["task"]!["taskId"]));
        }
    }
}
