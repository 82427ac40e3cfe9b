using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Runbooks
{
    /// <summary>samples/runbooks/Import-AngoAssetNightly.ps1, run twice against the emulator.</summary>
    public sealed class ImportAngoAssetNightlyTests : RunbookTest
    {
        private const string Runbook = "Import-AngoAssetNightly.ps1";

        private static object? Summary(PowerShellResult result, string property) =>
            Assert.Single(result.Output).Properties[property].Value;

        private string[] ExternalIds(string projectId) =>
            Ango.GetAssets(projectId).Select(a => (string)a["externalId"]!).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();

        private string[] RegisteredExternalIds(string projectId) =>
            Requests("POST", "/v2/project/" + projectId + "/cloud")
                .SelectMany(r => JsonNode.Parse(r.Body)!["assets"]!.AsArray().Select(a => (string)a!["externalId"]!))
                .ToArray();

        [Fact]
        public void Import_from_URLs_skips_assets_the_project_has_and_a_second_run_imports_nothing()
        {
            var projectId = Ango.AddProject("Nightly");
            Ango.AddAsset(projectId, "a.jpg");
            var parameters = new Hashtable
            {
                ["ProjectId"] = projectId,
                ["Uri"] = new[] { "https://cdn.example.test/night/a.jpg", "https://cdn.example.test/night/b.jpg", "https://cdn.example.test/night/c.jpg", "https://cdn.example.test/night/b.jpg" },
            };

            var first = RunRunbook(Runbook, parameters);

            Assert.Empty(first.Errors);
            Assert.Null(first.Terminating);
            Assert.Equal(4, Summary(first, "Read"));
            Assert.Equal(2, Summary(first, "Skipped"));
            Assert.Equal(2, Summary(first, "Submitted"));
            Assert.Equal(2, Summary(first, "Created"));
            Assert.Equal(new[] { "b.jpg", "c.jpg" }, RegisteredExternalIds(projectId));
            Assert.Equal(new[] { "a.jpg", "b.jpg", "c.jpg" }, ExternalIds(projectId));
            // The key came from the Automation credential asset, the address from the Automation variable.
            Assert.Contains("Credential:Ango", AutomationCalls);
            Assert.Contains("Variable:AngoBaseUri", AutomationCalls);
            Assert.All(Account.Requests, r => Assert.Equal(Account.ApiKey, r.Headers["apikey"]));

            Account.ClearRequests();
            var second = RunRunbook(Runbook, parameters);

            Assert.Empty(second.Errors);
            Assert.Equal(4, Summary(second, "Skipped"));
            Assert.Equal(0, Summary(second, "Submitted"));
            Assert.Equal(0, Summary(second, "Created"));
            Assert.Empty(RegisteredExternalIds(projectId));
            Assert.Equal(new[] { "a.jpg", "b.jpg", "c.jpg" }, ExternalIds(projectId));
        }

        [Fact]
        public void Import_from_a_CSV_file_keeps_its_columns_and_a_second_run_imports_nothing()
        {
            var projectId = Ango.AddProject("Nightly CSV");
            var batchId = Ango.AddBatchToProject(projectId, "Nightly");
            var csv = Path.Combine(Folder, "assets.csv");
            File.WriteAllLines(csv, new[]
            {
                "externalId,data,contextData,batches",
                "cam1-0001,https://cdn.example.test/cam1/0001.jpg,\"{\"\"camera\"\":\"\"front\"\"}\",Nightly",
                ",https://cdn.example.test/cam1/0002.jpg,,",
            });
            var parameters = new Hashtable { ["ProjectId"] = projectId, ["CsvPath"] = csv };

            var first = RunRunbook(Runbook, parameters);

            Assert.Empty(first.Errors);
            Assert.Equal(2, Summary(first, "Created"));
            Assert.Equal(new[] { "0002.jpg", "cam1-0001" }, ExternalIds(projectId));
            var camera = Ango.GetAssets(projectId).Single(a => (string?)a["externalId"] == "cam1-0001");
            Assert.Equal("front", (string?)camera["contextData"]!["camera"]);
            Assert.Equal(new[] { batchId }, camera["batches"]!.AsArray().Select(b => (string?)b));

            Account.ClearRequests();
            var second = RunRunbook(Runbook, parameters);

            Assert.Empty(second.Errors);
            Assert.Equal(2, Summary(second, "Skipped"));
            Assert.Equal(0, Summary(second, "Created"));
            Assert.Empty(Requests("POST", "/v2/project/" + projectId + "/cloud"));
            Assert.Equal(2, Ango.GetAssets(projectId).Count);
        }

        [Fact]
        public void Import_from_a_folder_uploads_each_file_once_across_two_runs()
        {
            var projectId = Ango.AddProject("Nightly folder");
            var drop = Directory.CreateDirectory(Path.Combine(Folder, "drop")).FullName;
            File.WriteAllBytes(Path.Combine(drop, "one.jpg"), new byte[] { 1, 2, 3 });
            File.WriteAllBytes(Path.Combine(drop, "two.png"), new byte[] { 4, 5, 6, 7 });
            var parameters = new Hashtable { ["ProjectId"] = projectId, ["FolderPath"] = drop };

            var first = RunRunbook(Runbook, parameters);

            Assert.Empty(first.Errors);
            Assert.Equal(2, Summary(first, "Created"));
            Assert.Equal(new[] { ("one.jpg", 3L), ("two.png", 4L) }, Ango.StorageUploads.Select(u => (u.FileName, u.Length)).OrderBy(u => u.FileName));
            Assert.All(Ango.StorageUploads, u => Assert.False(u.HadApiKey));
            Assert.Equal(new[] { "one.jpg", "two.png" }, ExternalIds(projectId));

            // A new file arrives before the next night.
            File.WriteAllBytes(Path.Combine(drop, "three.jpg"), new byte[] { 8 });
            Account.ClearRequests();
            var second = RunRunbook(Runbook, parameters);

            Assert.Empty(second.Errors);
            Assert.Equal(2, Summary(second, "Skipped"));
            Assert.Equal(1, Summary(second, "Created"));
            Assert.Equal("three.jpg", Query(Assert.Single(Requests("GET", "/v2/getUploadUrl")))["name"]);
            Assert.Equal(3, Ango.StorageUploads.Count);
            Assert.Equal(new[] { "one.jpg", "three.jpg", "two.png" }, ExternalIds(projectId));
        }

        [Fact]
        public void Import_with_WhatIf_adds_nothing()
        {
            var projectId = Ango.AddProject("Nightly what if");
            var parameters = new Hashtable { ["ProjectId"] = projectId, ["Uri"] = new[] { "https://cdn.example.test/x.jpg" }, ["WhatIf"] = new SwitchParameter(true) };

            var result = RunRunbook(Runbook, parameters);

            Assert.Empty(result.Errors);
            Assert.Equal(1, Summary(result, "Submitted"));
            Assert.Equal(0, Summary(result, "Created"));
            Assert.Empty(Requests("POST", "/v2/project/" + projectId + "/cloud"));
            Assert.Empty(Ango.GetAssets(projectId));
        }
    }
}
