using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class AssetListTests : AngoTest
    {
        private readonly string _projectId;

        public AssetListTests()
        {
            _projectId = Ango.AddProject("Listing");
            Shell.SetVariable("p", _projectId);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(99)]
        [InlineData(100)]
        [InlineData(101)]
        [InlineData(250)]
        public void Get_AngoAsset_streams_every_asset_across_pages_of_100(int count)
        {
            Ango.AddAssets(_projectId, count);

            var result = RunConnected("Get-AngoAsset -ProjectId $p -Sort externalId");

            Assert.Empty(result.Errors);
            var assets = result.Objects<AngoAsset>();
            Assert.Equal(Enumerable.Range(0, count).Select(i => "asset-" + i.ToString("D5") + ".jpg"), assets.Select(a => a.ExternalId));
            Assert.All(assets, a => Assert.Equal(_projectId, a.ProjectId));
            var pages = Requests("GET", "/v2/project/" + _projectId + "/assets");
            Assert.Equal(Math.Max(1, (count + 99) / 100), pages.Count);
            Assert.All(pages, p => Assert.Equal("100", Query(p)["limit"]));
        }

        [Fact]
        public void Skip_and_First_select_a_window_and_IncludeTotalCount_reports_the_services_total()
        {
            Ango.AddAssets(_projectId, 150);

            var result = RunConnected("Get-AngoAsset -ProjectId $p -Sort externalId -Skip 98 -First 4 -IncludeTotalCount");

            Assert.Equal(150UL, result.Output[0].BaseObject);
            Assert.Equal(new[] { 98, 99, 100, 101 }.Select(i => "asset-" + i.ToString("D5") + ".jpg"), result.Objects<AngoAsset>().Select(a => a.ExternalId));
            Assert.Equal(new[] { "1", "2" }, Requests("GET", "/v2/project/" + _projectId + "/assets").Select(r => Query(r)["page"]).OrderBy(int.Parse));
        }

        [Fact]
        public void AssetId_asks_for_one_asset_with_the_SDKs_id_query_and_maps_its_fields()
        {
            var (assetId, _) = Ango.AddAsset(_projectId, "street.jpg", "https://cdn.example.test/street.jpg", null,
                new JsonObject { ["width"] = 1920 }, new JsonObject { ["city"] = "Lyon" });
            Ango.AddAssets(_projectId, 3);

            var result = RunConnected("Get-AngoAsset -ProjectId $p -AssetId $id | ForEach-Object { $_; $_.Metadata.width; $_.ContextData.city }",
                new Dictionary<string, object?> { ["id"] = assetId });

            Assert.Empty(result.Errors);
            var asset = Assert.Single(result.Objects<AngoAsset>());
            Assert.Equal(assetId, asset.AssetId);
            Assert.Equal("street.jpg", asset.ExternalId);
            Assert.Equal("https://cdn.example.test/street.jpg", asset.Data);
            Assert.NotNull(asset.CreatedAt);
            Assert.Equal(1920L, result.Output[1].BaseObject);
            Assert.Equal("Lyon", result.Output[2].BaseObject);
            Assert.Equal(assetId, Query(Assert.Single(Requests("GET", "/v2/project/" + _projectId + "/assets")))["_id"]);
            Assert.Contains("LabelOps.AngoAsset", result.Output[0].TypeNames);
        }

        [Fact]
        public void An_asset_id_that_matches_nothing_is_NotFound_and_the_other_ids_are_still_read()
        {
            var (assetId, _) = Ango.AddAsset(_projectId, "a.jpg");

            var result = RunConnected("Get-AngoAsset -ProjectId $p -AssetId nope, $id", new Dictionary<string, object?> { ["id"] = assetId });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal("nope", error.TargetObject);
            Assert.Equal(assetId, Assert.Single(result.Objects<AngoAsset>()).AssetId);
        }

        [Fact]
        public void ExternalId_and_Batch_names_filter_on_the_service_with_batch_ids()
        {
            var week = Ango.DefineBatch(_projectId, "Week 1");
            Ango.AddAsset(_projectId, "in.jpg", batches: new[] { week });
            Ango.AddAsset(_projectId, "out.jpg");

            var result = RunConnected("Get-AngoAsset -ProjectId $p -Batch 'Week 1'\nGet-AngoAsset -ProjectId $p -ExternalId out.jpg");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "in.jpg", "out.jpg" }, result.Objects<AngoAsset>().Select(a => a.ExternalId));
            Assert.Equal(new[] { week }, result.Objects<AngoAsset>()[0].Batches);
            var lists = Requests("GET", "/v2/project/" + _projectId + "/assets");
            Assert.Equal("[\"" + week + "\"]", Query(lists[0])["batches"]);
            Assert.Equal("out.jpg", Query(lists[1])["externalId"]);
        }

        [Fact]
        public void An_unknown_batch_is_a_clear_error_and_no_asset_listing_is_sent()
        {
            var result = RunConnected("Get-AngoAsset -ProjectId $p -Batch Nope");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("no batch named 'Nope'", error.Exception.Message);
            Assert.Empty(Requests("GET", "/v2/project/" + _projectId + "/assets"));
        }

        [Fact]
        public void An_unknown_project_is_NotFound()
        {
            var result = RunConnected("Get-AngoAsset -ProjectId nope");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal("nope", error.TargetObject);
        }
    }
}
