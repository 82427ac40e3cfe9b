using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class BatchTests : AngoTest
    {
        private readonly string _projectId;

        public BatchTests()
        {
            _projectId = Ango.AddProject("Batches");
            Shell.SetVariable("p", _projectId);
        }

        [Fact]
        public void Get_AngoBatch_lists_the_projects_batches_with_their_project_and_filters_by_name()
        {
            var first = Ango.DefineBatch(_projectId, "Week 1", "first week", "#ff0000");
            Ango.DefineBatch(_projectId, "Hard cases");

            var result = RunConnected("Get-AngoBatch -ProjectId $p\nGet-AngoBatch -ProjectId $p -Name week*");

            Assert.Empty(result.Errors);
            var batches = result.Objects<AngoBatch>();
            Assert.Equal(new[] { "Week 1", "Hard cases", "Week 1" }, batches.Select(b => b.Name));
            Assert.Equal(first, batches[0].BatchId);
            Assert.Equal("first week", batches[0].Description);
            Assert.All(batches, b => Assert.Equal(_projectId, b.ProjectId));
            Assert.All(Account.Requests, r => Assert.Equal("/v2/project/" + _projectId, r.Path));
        }

        [Fact]
        public void New_AngoBatch_sends_the_existing_batches_and_the_new_one_and_returns_the_new_batch()
        {
            var existing = Ango.DefineBatch(_projectId, "Week 1", "first week", "#ff0000");

            var result = RunConnected("New-AngoBatch -ProjectId $p -Name 'Week 2' -Description 'second week' -Color '#00ff00'");

            Assert.Empty(result.Errors);
            var post = Assert.Single(Requests("POST", "/v2/batches/" + _projectId));
            var sent = JsonNode.Parse(post.Body)!["batches"]!.AsArray();
            Assert.Equal(2, sent.Count);
            Assert.Equal(existing, (string?)sent[0]!["_id"]);
            Assert.Equal("Week 1", (string?)sent[0]!["name"]);
            Assert.Equal("first week", (string?)sent[0]!["description"]);
            Assert.Equal("Week 2", (string?)sent[1]!["name"]);
            Assert.Null(sent[1]!["_id"]);
            Assert.Null(sent[1]!["projectId"]);
            var created = Assert.Single(result.Objects<AngoBatch>());
            Assert.Equal("Week 2", created.Name);
            Assert.Equal("#00ff00", created.Color);
            Assert.Equal(_projectId, created.ProjectId);
            Assert.Equal(new[] { existing, created.BatchId }, Ango.GetBatches(_projectId).Select(b => (string?)b["_id"]));
        }

        [Fact]
        public void New_AngoBatch_refuses_a_name_the_project_already_has_before_sending()
        {
            Ango.DefineBatch(_projectId, "Week 1");

            var result = RunConnected("New-AngoBatch -ProjectId $p -Name 'week 1'");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.Conflict", error.FullyQualifiedErrorId);
            Assert.Contains("already has a batch named 'week 1'", error.Exception.Message);
            Assert.Empty(Requests("POST", "/v2/"));
            Assert.Single(Ango.GetBatches(_projectId));
        }

        [Fact]
        public void Add_AngoBatchAsset_collects_piped_assets_into_one_request_with_batch_ids_and_updates_assets_and_tasks()
        {
            var week = Ango.DefineBatch(_projectId, "Week 1");
            Ango.AddAssets(_projectId, 5);

            var result = RunConnected("Get-AngoAsset -ProjectId $p | Add-AngoBatchAsset -Batch 'Week 1' -PassThru");

            Assert.Empty(result.Errors);
            var post = Assert.Single(Requests("POST", "/v2/assignBatches"));
            var body = JsonNode.Parse(post.Body)!;
            var assetIds = Ango.GetAssets(_projectId).Select(a => (string)a["_id"]!).OrderBy(i => i).ToList();
            Assert.Equal(assetIds, body["assets"]!.AsArray().Select(a => (string)a!).OrderBy(i => i));
            Assert.Equal(new[] { week }, body["batches"]!.AsArray().Select(b => (string?)b));
            Assert.All(Ango.GetAssets(_projectId), a => Assert.Equal(week, (string?)a["batches"]![0]));
            Assert.All(Ango.GetTasks(_projectId), t => Assert.Equal(week, (string?)t["batches"]![0]));
            var assignment = Assert.Single(result.Objects<AngoBatchAssignment>());
            Assert.Equal(5, assignment.AssetIds.Count);
        }

        [Fact]
        public void Add_AngoBatchAsset_with_an_unknown_batch_is_a_clear_error_and_assigns_nothing()
        {
            Ango.DefineBatch(_projectId, "Week 1");
            var (assetId, _) = Ango.AddAsset(_projectId, "a.jpg");

            var result = RunConnected("Add-AngoBatchAsset -ProjectId $p -Batch 'Week 9' -AssetId $a", new Dictionary<string, object?> { ["a"] = assetId });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("no batch named 'Week 9'", error.Exception.Message);
            Assert.Empty(Requests("POST", "/v2/"));
        }

        [Fact]
        public void Add_AngoBatchAsset_for_an_asset_the_service_does_not_know_is_NotFound()
        {
            Ango.DefineBatch(_projectId, "Week 1");

            var result = RunConnected("Add-AngoBatchAsset -ProjectId $p -Batch 'Week 1' -AssetId missing-asset");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Contains("missing-asset", error.Exception.Message);
        }

        [Fact]
        public void WhatIf_on_New_AngoBatch_and_Add_AngoBatchAsset_sends_nothing()
        {
            Ango.DefineBatch(_projectId, "Week 1");
            var (assetId, _) = Ango.AddAsset(_projectId, "a.jpg");

            var result = RunConnected("New-AngoBatch -ProjectId $p -Name 'Week 2' -WhatIf\nAdd-AngoBatchAsset -ProjectId $p -Batch 'Week 1' -AssetId $a -WhatIf",
                new Dictionary<string, object?> { ["a"] = assetId });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
        }
    }
}
