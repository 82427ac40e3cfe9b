using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class TaskHistoryWebhookAndImportTests : AngoTest
    {
        private static JsonObject Body(Emulator.RecordedRequest request) => JsonNode.Parse(request.Body)!.AsObject();

        [Fact]
        public void Get_AngoTaskHistory_lists_the_stages_a_task_left_and_reads_one_record_by_HistoryId()
        {
            var project = new TaskTestWorkflow(Ango);
            var taskId = Ango.AddAsset(project.ProjectId, "a.jpg").TaskId;
            Ango.UpdateTask(taskId, t => t["assignee"] = "ana@example.test");
            RunConnected("Move-AngoTask -ProjectId $p -TaskId $t -ToStage Review", new Dictionary<string, object?> { ["p"] = project.ProjectId, ["t"] = taskId }).ThrowIfFailed();
            var historyId = (string)Ango.GetTaskHistory(taskId).Single()["_id"]!;
            Account.ClearRequests();

            var result = Shell.Run("Get-AngoTask -TaskId $t | Get-AngoTaskHistory\nGet-AngoTaskHistory -HistoryId $h", new Dictionary<string, object?> { ["h"] = historyId });

            Assert.Empty(result.Errors);
            var entries = result.Objects<AngoTaskHistory>();
            Assert.Equal(2, entries.Count);
            Assert.All(entries, e => Assert.Equal(historyId, e.HistoryId));
            Assert.All(entries, e => Assert.Equal("Label", e.StageName));
            Assert.All(entries, e => Assert.Equal(TaskTestWorkflow.Label, e.Stage));
            Assert.All(entries, e => Assert.Equal("ana@example.test", e.CompletedBy));
            Assert.All(entries, e => Assert.Equal(taskId, e.TaskId));
            Assert.Equal(new[] { "/v2/task/" + taskId, "/v2/task/" + taskId + "/history", "/v2/taskHistory/" + historyId }, Account.Requests.Select(r => r.Path));
        }

        [Fact]
        public void Get_AngoTaskHistory_of_an_unknown_task_is_NotFound_with_the_id_as_target()
        {
            new TaskTestWorkflow(Ango);

            var result = RunConnected("Get-AngoTaskHistory -TaskId nope");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal("nope", error.TargetObject);
        }

        [Fact]
        public void Invoke_AngoWebhook_resolves_the_webhook_stage_by_name_and_posts_its_id_to_rerun_webhook()
        {
            var project = new TaskTestWorkflow(Ango);

            var result = RunConnected("Invoke-AngoWebhook -ProjectId $p -Stage Notify", new Dictionary<string, object?> { ["p"] = project.ProjectId });

            Assert.Empty(result.Errors);
            var run = Assert.Single(result.Objects<AngoWebhookRun>());
            Assert.Equal(TaskTestWorkflow.Notify, run.Stage);
            Assert.Equal("Notify", run.StageName);
            var body = Body(Assert.Single(Requests("POST", "/v2/project/" + project.ProjectId + "/rerun-webhook")));
            Assert.Equal(TaskTestWorkflow.Notify, (string?)body["stageId"]);
            Assert.Equal((project.ProjectId, TaskTestWorkflow.Notify), Assert.Single(Ango.WebhookReruns));
        }

        [Fact]
        public void Invoke_AngoWebhook_on_a_stage_that_is_not_a_webhook_is_InvalidArgument_and_sends_nothing()
        {
            var project = new TaskTestWorkflow(Ango);

            var result = RunConnected("Invoke-AngoWebhook -ProjectId $p -Stage Review", new Dictionary<string, object?> { ["p"] = project.ProjectId });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("'Notify'", error.Exception.Message);
            Assert.Empty(Requests("POST", "/v2/project/"));
            Assert.Empty(Ango.WebhookReruns);
        }

        [Fact]
        public void Invoke_AngoWebhook_with_WhatIf_sends_nothing()
        {
            var project = new TaskTestWorkflow(Ango);

            var result = RunConnected("Invoke-AngoWebhook -ProjectId $p -Stage Notify -WhatIf", new Dictionary<string, object?> { ["p"] = project.ProjectId });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Import_AngoLabel_sends_250_records_in_chunks_of_100_and_writes_each_chunks_summary()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 250);

            var result = RunConnected(
                "0..249 | ForEach-Object { @{ ExternalId = ('asset-{0:D5}.jpg' -f $_); answer = @{ objects = @(@{ title = 'car' }); classifications = @(); relations = @() } } } | Import-AngoLabel -ProjectId $p",
                new Dictionary<string, object?> { ["p"] = project.ProjectId });

            Assert.Empty(result.Errors);
            var chunks = Requests("POST", "/v2/import/labels");
            Assert.Equal(new[] { 100, 100, 50 }, chunks.Select(r => Body(r)["jsonContent"]!.AsArray().Count));
            Assert.All(chunks, r => Assert.Equal(project.ProjectId, (string?)Body(r)["project"]));
            Assert.Equal("asset-00000.jpg", (string?)Body(chunks[0])["jsonContent"]![0]!["externalId"]); // respelled from ExternalId
            var summaries = result.Objects<AngoLabelImportResult>();
            Assert.Equal(new[] { 1, 2, 3 }, summaries.Select(s => s.Chunk));
            Assert.Equal(new[] { "100 / 100 tasks are labeled.", "100 / 100 tasks are labeled.", "50 / 50 tasks are labeled." }, summaries.Select(s => s.Message));
            Assert.All(Ango.GetTasks(project.ProjectId), t => Assert.Equal("Completed", (string?)t["status"]));
            Assert.All(Ango.GetTasks(project.ProjectId), t => Assert.Equal("car", (string?)t["answer"]!["objects"]![0]!["title"]));
        }

        [Fact]
        public void Import_AngoLabel_reads_a_JSON_file_of_records()
        {
            var project = new TaskTestWorkflow(Ango);
            var (assetId, taskId) = Ango.AddAsset(project.ProjectId, "a.jpg");
            var path = Path.Combine(Path.GetTempPath(), "labels-" + System.Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, "[{\"assetId\":\"" + assetId + "\",\"answer\":{\"objects\":[],\"classifications\":[{\"title\":\"sunny\"}],\"relations\":[]}}]");
            try
            {
                var result = RunConnected("Import-AngoLabel -ProjectId $p -Path $f", new Dictionary<string, object?> { ["p"] = project.ProjectId, ["f"] = path });

                Assert.Empty(result.Errors);
                Assert.Equal("1 / 1 tasks are labeled.", Assert.Single(result.Objects<AngoLabelImportResult>()).Message);
                Assert.Equal("sunny", (string?)Ango.GetTask(taskId)!["answer"]!["classifications"]![0]!["title"]);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Tasks_read_with_IncludeAnswer_copy_their_labels_to_another_project_by_external_id()
        {
            var source = new TaskTestWorkflow(Ango, "Source");
            var target = new TaskTestWorkflow(Ango, "Target");
            var sourceTask = Ango.AddAsset(source.ProjectId, "a.jpg").TaskId;
            var targetTask = Ango.AddAsset(target.ProjectId, "a.jpg").TaskId;
            Ango.UpdateTask(sourceTask, t => t["answer"] = JsonNode.Parse("{\"objects\":[{\"title\":\"bus\"}],\"classifications\":[],\"relations\":[]}"));

            var result = RunConnected("Get-AngoTask -ProjectId $s -IncludeAnswer | Import-AngoLabel -ProjectId $t",
                new Dictionary<string, object?> { ["s"] = source.ProjectId, ["t"] = target.ProjectId });

            Assert.Empty(result.Errors);
            var record = Body(Assert.Single(Requests("POST", "/v2/import/labels")));
            Assert.Equal(target.ProjectId, (string?)record["project"]);
            Assert.Equal(new[] { "externalId", "answer" }, record["jsonContent"]![0]!.AsObject().Select(p => p.Key));
            Assert.Equal("bus", (string?)Ango.GetTask(targetTask)!["answer"]!["objects"]![0]!["title"]);
        }

        [Fact]
        public void A_record_without_externalId_or_assetId_is_an_error_and_the_others_are_still_imported()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAsset(project.ProjectId, "a.jpg");

            var result = RunConnected("@{ answer = @{} }, @{ externalId = 'a.jpg'; answer = @{ objects = @() } } | Import-AngoLabel -ProjectId $p",
                new Dictionary<string, object?> { ["p"] = project.ProjectId });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Single(Body(Assert.Single(Requests("POST", "/v2/import/labels")))["jsonContent"]!.AsArray());
        }

        [Fact]
        public void Import_AngoLabel_with_WhatIf_sends_nothing()
        {
            var project = new TaskTestWorkflow(Ango);

            var result = RunConnected("@{ externalId = 'a.jpg'; answer = @{} } | Import-AngoLabel -ProjectId $p -WhatIf", new Dictionary<string, object?> { ["p"] = project.ProjectId });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
        }
    }
}
