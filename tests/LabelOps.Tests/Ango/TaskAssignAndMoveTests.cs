using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class TaskAssignAndMoveTests : AngoTest
    {
        private static Dictionary<string, object?> Vars(string projectId) => new Dictionary<string, object?> { ["p"] = projectId };

        private static JsonObject Body(Emulator.RecordedRequest request) => JsonNode.Parse(request.Body)!.AsObject();

        private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

        [Fact]
        public void Get_AngoTask_piped_to_Set_AngoTaskAssignee_sends_one_bulk_assignment_with_the_stage_id()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 4);
            Ango.UpdateTask(ids[3], t => t["status"] = "Completed");

            var result = RunConnected("Get-AngoTask -ProjectId $p -Status TODO | Set-AngoTaskAssignee -Stage Label -Email ana@example.test", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            var assign = Assert.Single(Requests("POST", "/v2/task/assign"));
            var body = Body(assign);
            Assert.Equal(project.ProjectId, (string?)body["project"]);
            Assert.Equal(TaskTestWorkflow.Label, (string?)body["stage"]);
            Assert.Equal("ana@example.test", (string?)body["user"]);
            Assert.Equal(ids.Take(3).OrderBy(i => i), Strings(body["tasks"]).OrderBy(i => i));
            Assert.All(ids.Take(3), id => Assert.Equal("ana@example.test", (string?)Ango.GetTask(id)!["assignee"]));
            Assert.Null((string?)Ango.GetTask(ids[3])!["assignee"]);
        }

        [Fact]
        public void Assignments_go_in_requests_of_at_most_100_tasks()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 250);

            var result = RunConnected("Get-AngoTask -ProjectId $p | Set-AngoTaskAssignee -Stage Label -Email ana@example.test", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { 100, 100, 50 }, Requests("POST", "/v2/task/assign").Select(r => Strings(Body(r)["tasks"]).Length).OrderByDescending(n => n)); // sent concurrently
            Assert.Equal(250, Ango.GetTasks(project.ProjectId).Count(t => (string?)t["assignee"] == "ana@example.test"));
        }

        [Fact]
        public void Set_AngoTaskAssignee_with_WhatIf_sends_nothing()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 2);

            var result = RunConnected("Set-AngoTaskAssignee -ProjectId $p -TaskId $ids -Stage Label -Email ana@example.test -WhatIf",
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["ids"] = ids.ToArray() });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Set_AngoTaskAssignee_PassThru_writes_each_task_as_read_after_the_assignment()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 2);

            var result = RunConnected("Set-AngoTaskAssignee -ProjectId $p -TaskId $ids -Stage $s -Email ana@example.test -PassThru",
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["ids"] = ids.ToArray(), ["s"] = TaskTestWorkflow.Label });

            Assert.Empty(result.Errors);
            var tasks = result.Objects<AngoTask>();
            Assert.Equal(ids, tasks.Select(t => t.TaskId));
            Assert.All(tasks, t => Assert.Equal("ana@example.test", t.Assignee));
            Assert.All(tasks, t => Assert.Equal("Label", t.StageName));
        }

        [Fact]
        public void Set_AngoTaskAssignee_with_an_unknown_stage_is_InvalidArgument_and_assigns_nothing()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 1);

            var result = RunConnected("Set-AngoTaskAssignee -ProjectId $p -TaskId $ids -Stage Lable -Email ana@example.test",
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["ids"] = ids.ToArray() });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("'Label'", error.Exception.Message);
            Assert.Empty(Requests("POST", "/v2/task/assign"));
        }

        [Fact]
        public void Move_AngoTask_sends_piped_task_ids_in_one_requeue_and_reports_the_count_and_stage()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 3);
            foreach (var id in ids) Ango.UpdateTask(id, t => t["stage"] = TaskTestWorkflow.Review);

            var result = RunConnected("Get-AngoTask -ProjectId $p | Move-AngoTask -ToStage Label", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            var summary = Assert.Single(result.Objects<AngoTaskMoveResult>());
            Assert.Equal(3, summary.Modified);
            Assert.Equal(TaskTestWorkflow.Label, summary.ToStage);
            Assert.Equal("Label", summary.ToStageName);
            var body = Body(Assert.Single(Requests("POST", "/v2/project/" + project.ProjectId + "/requeueTasks")));
            Assert.Equal(TaskTestWorkflow.Label, (string?)body["toStageId"]);
            Assert.Equal(ids.OrderBy(i => i), Strings(body["filters"]!["taskIds"]).OrderBy(i => i));
            Assert.Equal(new[] { "taskIds" }, body["filters"]!.AsObject().Select(p => p.Key));
            Assert.False((bool)body["options"]!["removeAnnotations"]!);
            Assert.False((bool)body["options"]!["removeAssignee"]!);
            Assert.False((bool)body["options"]!["removeStageHistory"]!);
            Assert.All(ids, id => Assert.Equal(TaskTestWorkflow.Label, (string?)Ango.GetTask(id)!["stage"]));
        }

        [Fact]
        public void Move_AngoTask_resolves_batch_and_from_stage_names_and_sends_external_ids()
        {
            var project = new TaskTestWorkflow(Ango);
            var week = Ango.AddTaskBatch(project.ProjectId, "Week 1");
            Ango.AddAsset(project.ProjectId, "a.jpg", batches: new[] { week });

            var result = RunConnected("Move-AngoTask -ProjectId $p -ToStage Review -ExternalId a.jpg, b.jpg -Batch 'Week 1' -FromStage Label -RemoveAssignee", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            Assert.Equal(1, Assert.Single(result.Objects<AngoTaskMoveResult>()).Modified);
            var body = Body(Assert.Single(Requests("POST", "/v2/project/" + project.ProjectId + "/requeueTasks")));
            Assert.Equal(new[] { "a.jpg", "b.jpg" }, Strings(body["filters"]!["externalIds"]));
            Assert.Equal(new[] { week }, Strings(body["filters"]!["batches"]));
            Assert.Equal(new[] { TaskTestWorkflow.Label }, Strings(body["filters"]!["fromStageIds"]));
            Assert.True((bool)body["options"]!["removeAssignee"]!);
        }

        [Fact]
        public void Move_AngoTask_with_WhatIf_sends_nothing_at_all()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 2);

            var result = RunConnected("Move-AngoTask -ProjectId $p -TaskId $ids -ToStage Review -RemoveAnnotation -WhatIf",
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["ids"] = ids.ToArray() });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Move_AngoTask_RemoveAnnotation_without_Force_is_refused_in_a_host_that_cannot_ask_and_sends_nothing()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 2);

            var result = RunConnected("Move-AngoTask -ProjectId $p -TaskId $ids -ToStage Review -RemoveAnnotation",
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["ids"] = ids.ToArray() });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidOperation", error.FullyQualifiedErrorId);
            Assert.Contains("-Force", error.Exception.Message);
            Assert.Empty(Account.Requests);
        }

        [Theory]
        [InlineData("-Force")]
        [InlineData("-Confirm:$false")]
        public void Move_AngoTask_RemoveAnnotation_with_Force_or_Confirm_false_sends_and_the_answers_are_gone(string consent)
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 2);
            foreach (var id in ids) Ango.UpdateTask(id, t => t["answer"] = JsonNode.Parse("{\"objects\":[{\"title\":\"car\"}]}"));

            var result = RunConnected("Move-AngoTask -ProjectId $p -TaskId $ids -ToStage Review -RemoveAnnotation " + consent,
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["ids"] = ids.ToArray() });

            Assert.Empty(result.Errors);
            var body = Body(Assert.Single(Requests("POST", "/v2/project/" + project.ProjectId + "/requeueTasks")));
            Assert.True((bool)body["options"]!["removeAnnotations"]!);
            Assert.All(ids, id => Assert.Null(Ango.GetTask(id)!["answer"]));
        }

        [Fact]
        public void Move_AngoTask_without_any_filter_is_refused_because_the_service_would_requeue_every_task()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 2);

            var result = RunConnected("Move-AngoTask -ProjectId $p -ToStage Review", Vars(project.ProjectId));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("-All", error.Exception.Message);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Move_AngoTask_fed_an_empty_pipeline_sends_nothing()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 2);

            var result = RunConnected("@() | Move-AngoTask -ProjectId $p -ToStage Review", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
            Assert.All(Ango.GetTasks(project.ProjectId), t => Assert.Equal(TaskTestWorkflow.Label, (string?)t["stage"]));
        }

        [Fact]
        public void Move_AngoTask_All_sends_no_filters_and_requeues_every_task()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 3);

            var result = RunConnected("Move-AngoTask -ProjectId $p -ToStage Review -All", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            Assert.Equal(3, Assert.Single(result.Objects<AngoTaskMoveResult>()).Modified);
            var body = Body(Assert.Single(Requests("POST", "/v2/project/" + project.ProjectId + "/requeueTasks")));
            Assert.Empty(body["filters"]!.AsObject());
        }

        [Fact]
        public void Move_AngoTask_to_an_unknown_stage_is_InvalidArgument_naming_the_stages_and_requeues_nothing()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 1);

            var result = RunConnected("Move-AngoTask -ProjectId $p -TaskId $ids -ToStage QA",
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["ids"] = ids.ToArray() });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("'Review'", error.Exception.Message);
            Assert.Equal(project.ProjectId, error.TargetObject);
            Assert.Empty(Requests("POST", "/v2/project/" + project.ProjectId + "/requeueTasks"));
        }
    }
}
