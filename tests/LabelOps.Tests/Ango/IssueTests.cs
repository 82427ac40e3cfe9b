using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class IssueTests : AngoTest
    {
        private (string ProjectId, string TaskId) ArrangeTask()
        {
            var projectId = Ango.AddProject("Issues");
            return (projectId, Ango.AddAsset(projectId, "a.jpg").TaskId);
        }

        [Theory]
        [InlineData(0, 1)]
        [InlineData(1, 1)]
        [InlineData(99, 1)]
        [InlineData(100, 2)]
        [InlineData(101, 2)]
        [InlineData(250, 3)]
        public void Get_AngoIssue_pages_without_a_total_and_stops_at_the_first_short_page(int count, int expectedRequests)
        {
            var (projectId, taskId) = ArrangeTask();
            for (var i = 0; i < count; i++) Ango.AddIssue(taskId, "issue " + i);

            var result = RunConnected("Get-AngoIssue -ProjectId $p", new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Empty(result.Errors);
            Assert.Equal(count, result.Objects<AngoIssue>().Count);
            Assert.Equal(Ango.GetIssues().Select(i => (string)i["_id"]!).OrderBy(x => x), result.Objects<AngoIssue>().Select(i => i.IssueId).OrderBy(x => x));
            var pages = Requests("GET", "/v2/issues");
            Assert.Equal(expectedRequests, pages.Count);
            Assert.Equal(Enumerable.Range(1, expectedRequests).Select(n => n.ToString()), pages.Select(p => Query(p)["page"]).OrderBy(int.Parse));
        }

        [Fact]
        public void Get_AngoIssue_maps_the_issue_and_sends_each_filter()
        {
            var (projectId, taskId) = ArrangeTask();
            Ango.AddIssue(taskId, "Box too loose", status: "Resolved", assignee: "ann@example.test", title: "Loose box", position: "[10, 20]");
            Ango.AddIssue(taskId, "Still open");

            var result = RunConnected("Get-AngoIssue -ProjectId $p -TaskId $t -Status Resolved -Assignee ann@example.test -CreatedBy owner@example.test",
                new Dictionary<string, object?> { ["p"] = projectId, ["t"] = taskId });

            Assert.Empty(result.Errors);
            var issue = Assert.Single(result.Objects<AngoIssue>());
            Assert.Equal(projectId, issue.ProjectId);
            Assert.Equal(taskId, issue.TaskId);
            Assert.Equal("Loose box", issue.Title);
            Assert.Equal("Box too loose", issue.Content);
            Assert.Equal("Resolved", issue.Status);
            Assert.Equal("[10, 20]", issue.Position);
            Assert.NotNull(issue.CreatedAt);
            var query = Query(Assert.Single(Requests("GET", "/v2/issues")));
            Assert.Equal(projectId, query["project"]);
            Assert.Equal(taskId, query["labelTask"]);
            Assert.Equal("Resolved", query["status"]);
            Assert.Equal("ann@example.test", query["assignee"]);
            Assert.Equal("owner@example.test", query["createdBy"]);
        }

        [Fact]
        public void New_AngoIssue_posts_labelTask_content_and_the_position_stringified_as_the_SDK_does()
        {
            var (projectId, taskId) = ArrangeTask();

            var result = RunConnected("New-AngoIssue -TaskId $t -Content 'Wrong class' -Position 10, 20.5 -Title Class", new Dictionary<string, object?> { ["t"] = taskId });

            Assert.Empty(result.Errors);
            var issue = Assert.Single(result.Objects<AngoIssue>());
            Assert.Equal(taskId, issue.TaskId);
            Assert.Equal(projectId, issue.ProjectId);
            Assert.Equal("Open", issue.Status);
            var post = Assert.Single(Requests("POST", "/v2/issues"));
            Assert.Equal(201, post.ResponseStatus);
            var body = JsonNode.Parse(post.Body)!;
            Assert.Equal(taskId, (string?)body["labelTask"]);
            Assert.Equal("Wrong class", (string?)body["content"]);
            Assert.Equal("[10, 20.5]", (string?)body["position"]);
            Assert.Equal("Class", (string?)body["title"]);
        }

        [Fact]
        public void New_AngoIssue_is_not_resent_after_an_ambiguous_server_error()
        {
            var (_, taskId) = ArrangeTask();
            Account.Faults.Add("POST", "/v2/issues", new Fault { Status = 500, AfterHandler = true });

            var result = RunConnected("New-AngoIssue -TaskId $t -Content x", new Dictionary<string, object?> { ["t"] = taskId });

            Assert.Equal("LabelOps.ServerError", Assert.Single(result.ErrorIds));
            Assert.Single(Requests("POST", "/v2/issues"));
        }

        [Fact]
        public void WhatIf_on_New_and_Remove_AngoIssue_sends_nothing()
        {
            var (_, taskId) = ArrangeTask();
            var issueId = Ango.AddIssue(taskId);

            var result = RunConnected("New-AngoIssue -TaskId $t -Content x -WhatIf\nRemove-AngoIssue -IssueId $i -WhatIf",
                new Dictionary<string, object?> { ["t"] = taskId, ["i"] = issueId });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
            Assert.Single(Ango.GetIssues());
        }

        [Fact]
        public void Resolved_issues_piped_from_Get_AngoIssue_are_deleted_by_id_and_the_others_stay()
        {
            var (projectId, taskId) = ArrangeTask();
            var resolved = new[] { Ango.AddIssue(taskId, "a", status: "Resolved"), Ango.AddIssue(taskId, "b", status: "Resolved") };
            var open = Ango.AddIssue(taskId, "c");

            var result = RunConnected("Get-AngoIssue -ProjectId $p -Status Resolved | Remove-AngoIssue", new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Empty(result.Errors);
            Assert.Equal(resolved.Select(id => "/v2/issues/" + id).OrderBy(x => x), Requests("DELETE", "/v2/issues/").Select(r => r.Path).OrderBy(x => x));
            Assert.Equal(new[] { open }, Ango.GetIssues().Select(i => (string)i["_id"]!));
        }

        [Fact]
        public void Removing_an_unknown_issue_is_NotFound_for_that_item_and_the_pipeline_goes_on()
        {
            var (_, taskId) = ArrangeTask();
            var real = Ango.AddIssue(taskId);

            var result = RunConnected("Remove-AngoIssue -IssueId nope, $i", new Dictionary<string, object?> { ["i"] = real });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal("nope", error.TargetObject);
            Assert.Empty(Ango.GetIssues());
        }
    }
}
