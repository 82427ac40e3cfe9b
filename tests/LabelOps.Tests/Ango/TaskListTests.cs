using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class TaskListTests : AngoTest
    {
        private Dictionary<string, object?> Vars(string projectId) => new Dictionary<string, object?> { ["p"] = projectId };

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(99)]
        [InlineData(100)]
        [InlineData(101)]
        [InlineData(250)]
        public void Get_AngoTask_streams_every_task_across_pages_of_100_with_stage_names(int count)
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, count);

            var result = RunConnected("Get-AngoTask -ProjectId $p -Sort externalId", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            var tasks = result.Objects<AngoTask>();
            Assert.Equal(Enumerable.Range(0, count).Select(i => "asset-" + i.ToString("D5") + ".jpg"), tasks.Select(t => t.ExternalId));
            Assert.All(tasks, t => Assert.Equal("Label", t.StageName));
            Assert.All(tasks, t => Assert.Equal(project.ProjectId, t.ProjectId));
            var pages = Requests("GET", "/v2/project/" + project.ProjectId + "/tasks");
            Assert.Equal(System.Math.Max(1, (count + 99) / 100), pages.Count);
            Assert.Equal(Enumerable.Range(1, pages.Count).Select(i => i.ToString()), pages.Select(p => Query(p)["page"]).OrderBy(int.Parse)); // pages in flight together may arrive in any order
            Assert.All(pages, p => Assert.Equal("100", Query(p)["limit"]));
            Assert.All(pages, p => Assert.Equal("externalId", Query(p)["sort"]));
            Assert.All(pages, p => Assert.Equal("false", Query(p)["includeAnswer"]));
        }

        [Fact]
        public void Skip_First_and_IncludeTotalCount_read_only_the_pages_of_the_window_and_report_the_total()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 250);

            var result = RunConnected("Get-AngoTask -ProjectId $p -Sort externalId -Skip 195 -First 10 -IncludeTotalCount", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            Assert.Equal(250UL, result.Output[0].BaseObject);
            Assert.Equal(Enumerable.Range(195, 10).Select(i => "asset-" + i.ToString("D5") + ".jpg"), result.Objects<AngoTask>().Select(t => t.ExternalId));
            Assert.Equal(new[] { "2", "3" }, Requests("GET", "/v2/project/" + project.ProjectId + "/tasks").Select(r => Query(r)["page"]).OrderBy(int.Parse));
        }

        [Fact]
        public void Filters_go_to_the_service_as_status_eq_stage_id_batches_json_array_of_ids_and_assignee_after_one_project_read()
        {
            var project = new TaskTestWorkflow(Ango);
            var week1 = Ango.AddTaskBatch(project.ProjectId, "Week 1");
            var week2 = Ango.AddTaskBatch(project.ProjectId, "Week 2");
            var wanted = Ango.AddAsset(project.ProjectId, "wanted.jpg", batches: new[] { week1, week2 }).TaskId;
            var oneBatchOnly = Ango.AddAsset(project.ProjectId, "one-batch.jpg", batches: new[] { week1 }).TaskId;
            var otherAssignee = Ango.AddAsset(project.ProjectId, "other.jpg", batches: new[] { week1, week2 }).TaskId;
            foreach (var id in new[] { wanted, oneBatchOnly, otherAssignee })
            {
                Ango.UpdateTask(id, t => { t["stage"] = TaskTestWorkflow.Review; t["assignee"] = id == otherAssignee ? "x@example.test" : "ana@example.test"; });
            }

            var result = RunConnected("Get-AngoTask -ProjectId $p -Status todo -Stage review -Batch 'Week 1', $w2 -Assignee ana@example.test",
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["w2"] = week2 });

            Assert.Empty(result.Errors);
            var task = Assert.Single(result.Objects<AngoTask>());
            Assert.Equal(wanted, task.TaskId);
            Assert.Equal("Review", task.StageName);
            var query = Query(Assert.Single(Requests("GET", "/v2/project/" + project.ProjectId + "/tasks")));
            Assert.Equal("TODO", query["status[eq]"]);
            Assert.Equal(TaskTestWorkflow.Review, query["stage"]);
            Assert.Equal("[\"" + week1 + "\",\"" + week2 + "\"]", query["batches"]);
            Assert.Equal("ana@example.test", query["assignee"]);
            Assert.Single(Requests("GET", "/v2/project/" + project.ProjectId), r => r.Path == "/v2/project/" + project.ProjectId);
        }

        [Fact]
        public void An_unknown_stage_name_is_InvalidArgument_naming_the_projects_stages_and_no_task_request_is_sent()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 3);

            var result = RunConnected("Get-AngoTask -ProjectId $p -Stage Reveiw", Vars(project.ProjectId));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("'Reveiw'", error.Exception.Message);
            Assert.Contains("'Start', 'Label', 'Review', 'Notify', 'Complete'", error.Exception.Message);
            Assert.Empty(Requests("GET", "/v2/project/" + project.ProjectId + "/tasks"));
            Assert.Empty(result.Objects<AngoTask>());
        }

        [Fact]
        public void An_unknown_batch_name_is_InvalidArgument_naming_the_projects_batches()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddTaskBatch(project.ProjectId, "Week 1");

            var result = RunConnected("Get-AngoTask -ProjectId $p -Batch 'Week 9'", Vars(project.ProjectId));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("'Week 1'", error.Exception.Message);
            Assert.Empty(Requests("GET", "/v2/project/" + project.ProjectId + "/tasks"));
        }

        [Fact]
        public void IncludeAnswer_asks_for_answers_and_they_navigate_with_dot_notation_while_without_it_Answer_stays_empty()
        {
            var project = new TaskTestWorkflow(Ango);
            var taskId = Ango.AddAsset(project.ProjectId, "a.jpg").TaskId;
            Ango.UpdateTask(taskId, t => t["answer"] = JsonNode.Parse("{\"objects\":[{\"title\":\"car\"}],\"classifications\":[],\"relations\":[]}"));

            var result = RunConnected("(Get-AngoTask -ProjectId $p -IncludeAnswer).Answer.objects[0].title\n(Get-AngoTask -ProjectId $p).Answer -eq $null", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            Assert.Equal("car", result.Output[0].BaseObject);
            Assert.Equal(true, result.Output[1].BaseObject);
            Assert.Equal(new[] { "true", "false" }, Requests("GET", "/v2/project/" + project.ProjectId + "/tasks").Select(r => Query(r)["includeAnswer"]));
        }

        [Fact]
        public void By_id_an_unknown_task_is_NotFound_with_the_id_as_target_and_the_pipeline_goes_on()
        {
            var project = new TaskTestWorkflow(Ango);
            var taskId = Ango.AddAsset(project.ProjectId, "a.jpg").TaskId;

            var result = RunConnected("Get-AngoTask -TaskId nope, $t", new Dictionary<string, object?> { ["t"] = taskId });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal("nope", error.TargetObject);
            Assert.Contains("Task not found", error.Exception.Message);
            var task = Assert.Single(result.Objects<AngoTask>());
            Assert.Equal(taskId, task.TaskId);
            Assert.Null(task.StageName); // no project given, so no project read
            Assert.Equal(new[] { "/v2/task/nope", "/v2/task/" + taskId }, Account.Requests.Select(r => r.Path));
        }

        [Fact]
        public void Piped_tasks_are_read_again_by_id_and_the_project_is_read_once_for_their_stage_names()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 3);

            var result = RunConnected("Get-AngoTask -ProjectId $p | Get-AngoTask", Vars(project.ProjectId));

            Assert.Empty(result.Errors);
            var tasks = result.Objects<AngoTask>();
            Assert.Equal(3, tasks.Count);
            Assert.All(tasks, t => Assert.Equal("Label", t.StageName));
            Assert.Equal(3, Requests("GET", "/v2/task/").Count);
            Assert.Equal(2, Account.Requests.Count(r => r.Path == "/v2/project/" + project.ProjectId)); // one for the listing, one for the by-id reads
        }
    }
}
