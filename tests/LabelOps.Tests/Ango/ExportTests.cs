using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class ExportTests : AngoTest
    {
        private string ArrangeProject(int tasks = 3)
        {
            var projectId = Ango.AddProject("Street scenes");
            var ids = Ango.AddAssets(projectId, tasks);
            Ango.UpdateTask(ids[0], t => t["answer"] = JsonNode.Parse("{\"objects\":[{\"title\":\"Car\",\"schemaId\":\"s1\",\"bounding-box\":{\"x\":1,\"y\":2,\"width\":3,\"height\":4}}],\"classifications\":[{\"title\":\"Weather\",\"answer\":\"rain \\\"heavy\\\" [1]\"}],\"relations\":[]}"));
            return projectId;
        }

        /// <summary>The export id from the verbose line that names the archive, so the download can be found in the emulator's log.</summary>
        private IReadOnlyList<RecordedRequest> Downloads(PowerShellResult result)
        {
            var line = result.Verbose.First(v => v.Contains("/storage/exports/", StringComparison.Ordinal));
            var id = Regex.Match(line, "/storage/exports/([^/]+)/").Groups[1].Value;
            return Emulator.UnauthenticatedRequests.Where(r => r.Path == "/v2/storage/exports/" + id + "/export.zip").ToList();
        }

        [Theory]
        [InlineData("Json")]
        [InlineData("Ndjson")]
        public void Export_AngoAnnotation_streams_one_navigable_record_per_task_and_downloads_without_the_key(string format)
        {
            var projectId = ArrangeProject();

            var result = RunConnected(
                "$r = Export-AngoAnnotation -ProjectId $p -Format " + format + " -Verbose\n" +
                "$r\n$r[0].task.tools[0].title\n$r[0].task.classifications[0].answer\n$r[2].externalId\n($r | ForEach-Object { $_.task.taskId }) -join ','",
                new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Empty(result.Errors);
            var records = result.Objects<AngoExportRecord>();
            var tasks = Ango.GetTasks(projectId);
            Assert.Equal(tasks.Select(t => (string)t["_id"]!), records.Select(r => r.TaskId));
            Assert.Equal(tasks.Select(t => (string)t["externalId"]!), records.Select(r => r.ExternalId));
            Assert.All(records, r => Assert.Equal("Label", r.Stage));
            var scalars = result.Output.Select(o => o.BaseObject).OfType<string>().ToList();
            Assert.Equal(new[] { "Car", "rain \"heavy\" [1]", (string)tasks[2]["externalId"]!, string.Join(",", tasks.Select(t => (string)t["_id"]!)) }, scalars);
            // The records are the service's records: ConvertTo-Json-able, same content as the emulator's view.
            var expected = Ango.ExportRecords(projectId);
            Assert.Equal(expected[0]["task"]!["tools"]!.ToJsonString(), JsonSerializer.Serialize(((IDictionary)records[0]["task"]!)["tools"], new JsonSerializerOptions { Converters = { LabelOps.Json.FreeformJsonConverter.Instance } }));

            var exportCall = Assert.Single(Requests("GET", "/v2/exportV3"));
            Assert.Equal(format.ToLowerInvariant(), Query(exportCall)["format"]);
            var download = Assert.Single(Downloads(result));
            Assert.False(download.Headers.ContainsKey("apikey"), "the archive download carried the API key");
            Assert.Equal(200, download.ResponseStatus);
            Assert.DoesNotContain(Account.Requests, r => r.Path.StartsWith("/v2/storage/", StringComparison.Ordinal));
        }

        [Fact]
        public void Export_AngoAnnotation_resolves_batch_and_stage_names_and_sends_the_SDK_query()
        {
            var projectId = Ango.AddProject("Filtered");
            var week12 = Ango.AddBatchToProject(projectId, "Week 12");
            var inBatch = Ango.AddAsset(projectId, "in.jpg", batches: new[] { week12 }).TaskId;
            Ango.AddAsset(projectId, "out.jpg");
            var labelStage = Ango.StageId(projectId, "Label")!;

            var result = RunConnected("Export-AngoAnnotation -ProjectId $p -Batch 'week 12' -Stage Label -IncludeHistory", new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Empty(result.Errors);
            var record = Assert.Single(result.Objects<AngoExportRecord>());
            Assert.Equal(inBatch, record.TaskId);
            Assert.True(record.Contains("stageHistory"));
            Assert.False(record.Contains("metadata"));
            var query = Query(Assert.Single(Requests("GET", "/v2/exportV3")));
            Assert.Equal(projectId, query["project"]);
            Assert.Equal("[\"" + week12 + "\"]", query["batches"]);
            Assert.Equal("[\"" + labelStage + "\"]", query["stage"]);
            Assert.Equal("false", query["sendEmail"]);
            Assert.Equal("true", query["doNotNotify"]);
            Assert.Equal("true", query["includeHistory"]);
            Assert.Equal("false", query["includeMetadata"]);
        }

        [Fact]
        public void Export_AngoAnnotation_with_an_unknown_batch_name_is_InvalidArgument_and_requests_no_export()
        {
            var projectId = Ango.AddProject("No batches");

            var result = RunConnected("Export-AngoAnnotation -ProjectId $p -Batch nope", new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Equal("LabelOps.InvalidArgument", Assert.Single(result.ErrorIds));
            Assert.Empty(Requests("GET", "/v2/exportV3"));
        }

        [Fact]
        public void Export_AngoAnnotation_with_Path_saves_the_zip_and_returns_the_file()
        {
            var projectId = ArrangeProject(4);
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "labelops-export-" + Guid.NewGuid().ToString("N")));
            try
            {
                var target = Path.Combine(folder.FullName, "export.zip");

                var result = RunConnected("Export-AngoAnnotation -ProjectId $p -Path $target -IncludeMetadata", new Dictionary<string, object?> { ["p"] = projectId, ["target"] = target });

                Assert.Empty(result.Errors);
                Assert.Equal(target, Assert.Single(result.Objects<FileInfo>()).FullName);
                Assert.Equal(new[] { "export.zip" }, folder.GetFiles().Select(f => f.Name)); // no .partial left behind
                using var zip = ZipFile.OpenRead(target);
                using var entry = zip.Entries[0].Open();
                var records = JsonNode.Parse(entry)!.AsArray();
                Assert.Equal(Ango.GetTasks(projectId).Select(t => (string)t["_id"]!), records.Select(r => (string)r!["task"]!["taskId"]!));
                Assert.All(records, r => Assert.NotNull(r!["metadata"]));

                var again = RunConnected("Export-AngoAnnotation -ProjectId $p -Path $target", new Dictionary<string, object?> { ["p"] = projectId, ["target"] = target });
                Assert.Equal("LabelOps.InvalidOperation", Assert.Single(again.ErrorIds)); // no silent overwrite without -Force
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        [Fact]
        public void A_tampered_archive_link_is_refused_by_the_storage()
        {
            var projectId = ArrangeProject(1);
            var result = RunConnected("Export-AngoAnnotation -ProjectId $p -Verbose", new Dictionary<string, object?> { ["p"] = projectId });
            var download = Assert.Single(Downloads(result));

            using var http = new System.Net.Http.HttpClient();
            var tampered = new Uri(Emulator.BaseUri, download.Path + "?signature=" + new string('0', 64));
            var response = http.GetAsync(tampered).GetAwaiter().GetResult();

            Assert.Equal(403, (int)response.StatusCode);
        }

        [Fact]
        public void Stopping_a_streaming_export_ends_the_command_promptly()
        {
            var projectId = Ango.AddProject("Big");
            Ango.SetGeneratedExportRecords(projectId, 20000);
            Shell.Run(Connect).ThrowIfFailed();

            using var running = Shell.Start("Export-AngoAnnotation -ProjectId $p | ForEach-Object { $_.TaskId }", new Dictionary<string, object?> { ["p"] = projectId });
            Conditions.WaitUntil(() => { lock (running.Result) return running.Result.Output.Count > 10; }, "the first records");
            running.Stop();

            var finished = System.Threading.Tasks.Task.WhenAny(running.Completion, System.Threading.Tasks.Task.Delay(TimeSpan.FromSeconds(10))).GetAwaiter().GetResult();
            Assert.Same(running.Completion, finished); // stopped (as PipelineStoppedException) within the limit
            lock (running.Result) Assert.True(running.Result.Output.Count < 20000, "every record was written despite Stop");
        }
    }
}
