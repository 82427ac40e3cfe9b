using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class AssetUploadTests : AngoTest
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "labelops-assets-" + Guid.NewGuid().ToString("N"));
        private readonly string _projectId;

        public AssetUploadTests()
        {
            Directory.CreateDirectory(_folder);
            _projectId = Ango.AddProject("Uploads");
            Shell.SetVariable("p", _projectId);
            Shell.SetVariable("dir", _folder);
        }

        public override void Dispose()
        {
            base.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        private string File(string name, int length)
        {
            var path = Path.Combine(_folder, name);
            System.IO.File.WriteAllBytes(path, Enumerable.Range(0, length).Select(i => (byte)i).ToArray());
            return path;
        }

        private static JsonArray CloudAssets(RecordedRequest request) => JsonNode.Parse(request.Body)!["assets"]!.AsArray();

        [Fact]
        public void A_missing_file_in_the_middle_is_one_error_and_the_other_files_are_uploaded_without_the_key_and_registered()
        {
            var first = File("first.jpg", 3);
            var missing = Path.Combine(_folder, "missing.jpg");
            var last = File("last.png", 5);

            var result = RunConnected("Add-AngoAsset -ProjectId $p -Path $a, $b, $c", new Dictionary<string, object?> { ["a"] = first, ["b"] = missing, ["c"] = last });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal(missing, error.TargetObject);
            // Uploads run concurrently (-ThrottleLimit), so they arrive in any order; sorted by name they are in input order.
            var uploads = Ango.StorageUploads.OrderBy(u => u.FileName, StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { ("first.jpg", 3L), ("last.png", 5L) }, uploads.Select(u => (u.FileName, u.Length)));
            Assert.All(uploads, u => Assert.False(u.HadApiKey));
            Assert.All(uploads, u => Assert.Equal(200, u.Status));
            Assert.Equal(new[] { "image/jpeg", "image/png" }, uploads.Select(u => u.ContentType));
            Assert.All(Requests("GET", "/v2/getUploadUrl"), r => Assert.Equal(_projectId, Query(r)["project"]));
            var registration = Assert.Single(Requests("POST", "/v2/project/" + _projectId + "/cloud"));
            var sent = CloudAssets(registration);
            Assert.Equal(new[] { "first.jpg", "last.png" }, sent.Select(a => (string?)a!["externalId"]));
            Assert.All(sent, a => Assert.DoesNotContain("?", (string)a!["data"]!));
            Assert.All(sent, a => Assert.StartsWith("http://localhost:", (string)a!["data"]!));
            Assert.Equal(uploads.Select(u => u.Path), sent.Select(a => new Uri((string)a!["data"]!).AbsolutePath));
            var summary = Assert.Single(result.Objects<AngoAssetImportResult>());
            Assert.Equal(2, summary.AssetsCreated);
            Assert.Equal(2, summary.TasksCreated);
            Assert.Equal(new[] { first, last }, summary.Assets.Select(a => a.SourcePath));
            Assert.Equal(2, Ango.GetAssets(_projectId).Count);
            Assert.Equal(2, Ango.GetTasks(_projectId).Count);
        }

        [Fact]
        public void Verbose_and_Debug_show_the_signed_upload_url_without_its_signature()
        {
            var file = File("signed.jpg", 4);

            var result = RunConnected("Add-AngoAsset -ProjectId $p -Path $f -Verbose -Debug", new Dictionary<string, object?> { ["f"] = file });

            Assert.Empty(result.Errors);
            Assert.Contains(result.Verbose, v => v.StartsWith("PUT http://localhost:", StringComparison.Ordinal) && v.Contains("?…"));
            Assert.DoesNotContain(result.AllText(), t => t.Contains("signature=", StringComparison.Ordinal));
        }

        [Fact]
        public void Wildcards_resolve_through_PowerShell_and_piped_FileInfo_objects_upload_too()
        {
            File("a.jpg", 1);
            File("b.jpg", 2);
            File("notes.txt", 4);

            var result = RunConnected("Add-AngoAsset -ProjectId $p -Path \"$dir/*.jpg\"\n[System.IO.FileInfo]::new(\"$dir/notes.txt\") | Add-AngoAsset -ProjectId $p");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "a.jpg", "b.jpg", "notes.txt" }, Ango.StorageUploads.Select(u => u.FileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(2, Requests("POST", "/v2/project/" + _projectId + "/cloud").Count);
            Assert.Equal(new[] { "a.jpg", "b.jpg", "notes.txt" }, Ango.GetAssets(_projectId).Select(a => (string?)a["externalId"]).OrderBy(n => n));
        }

        [Fact]
        public void The_emulated_storage_refuses_a_signed_PUT_that_carries_the_apikey_header()
        {
            using var http = new HttpClient();
            using var ask = new HttpRequestMessage(HttpMethod.Get, new Uri(Emulator.BaseUri, "v2/getUploadUrl?name=x.jpg&project=" + _projectId));
            ask.Headers.Add("apikey", Account.ApiKey);
            var answer = http.Send(ask);
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            var url = (string)JsonNode.Parse(answer.Content.ReadAsStream())!["data"]!["uploadUrl"]!;
            using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(new byte[] { 1, 2 }) };
            put.Headers.Add("apikey", Account.ApiKey);

            var status = http.Send(put).StatusCode;

            Assert.Equal(HttpStatusCode.Forbidden, status);
            var upload = Assert.Single(Ango.StorageUploads);
            Assert.True(upload.HadApiKey);
            Assert.Equal(403, upload.Status);
        }

        [Fact]
        public void Rows_register_100_per_request_and_their_metadata_and_contextData_arrive_in_the_cloud_body()
        {
            var result = RunConnected(
                "1..250 | ForEach-Object { [pscustomobject]@{ externalId = \"row$_.jpg\"; data = \"https://cdn.example.test/row$_.jpg\"; metadata = @{ camera = 'front' }; contextData = '{\"note\":\"from csv\"}' } } |\n" +
                "    Add-AngoAsset -ProjectId $p");

            Assert.Empty(result.Errors);
            var calls = Requests("POST", "/v2/project/" + _projectId + "/cloud");
            Assert.Equal(new[] { 100, 100, 50 }, calls.Select(c => CloudAssets(c).Count).OrderByDescending(n => n)); // sent concurrently
            var firstAsset = calls.Select(c => CloudAssets(c)[0]!).Single(a => (string?)a["externalId"] == "row1.jpg");
            Assert.Equal("row1.jpg", (string?)firstAsset["externalId"]);
            Assert.Equal("https://cdn.example.test/row1.jpg", (string?)firstAsset["data"]);
            Assert.Equal("front", (string?)firstAsset["metadata"]!["camera"]);
            Assert.Equal("from csv", (string?)firstAsset["contextData"]!["note"]);
            Assert.Equal(new long[] { 100, 100, 50 }, result.Objects<AngoAssetImportResult>().Select(r => r.AssetsCreated));
            Assert.Equal(250, Ango.GetAssets(_projectId).Count);
            Assert.Empty(Ango.StorageUploads);
        }

        [Fact]
        public void A_row_without_data_is_one_error_and_the_other_rows_are_registered()
        {
            var result = RunConnected(
                "@([pscustomobject]@{ externalId = 'good.jpg'; data = 'https://cdn.example.test/good.jpg' }, [pscustomobject]@{ externalId = 'bad.jpg' }) | Add-AngoAsset -ProjectId $p");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("data", error.Exception.Message);
            Assert.Equal("good.jpg", (string?)Assert.Single(CloudAssets(Assert.Single(Requests("POST", "/v2/project/" + _projectId + "/cloud"))))!["externalId"]);
        }

        [Fact]
        public void Uri_assets_are_registered_directly_with_batch_names_resolved_to_ids_and_the_storage_id()
        {
            var week = Ango.DefineBatch(_projectId, "Week 1");

            var result = RunConnected("Add-AngoAsset -ProjectId $p -Uri 'https://bucket.example.test/x.jpg', 'https://bucket.example.test/y.png' -Batch 'week 1' -StorageId st1");

            Assert.Empty(result.Errors);
            Assert.Empty(Requests("GET", "/v2/getUploadUrl"));
            var sent = CloudAssets(Assert.Single(Requests("POST", "/v2/project/" + _projectId + "/cloud")));
            Assert.Equal(new[] { "x.jpg", "y.png" }, sent.Select(a => (string?)a!["externalId"]));
            Assert.All(sent, a => Assert.Equal(new[] { week }, a!["batches"]!.AsArray().Select(b => (string?)b)));
            Assert.All(sent, a => Assert.Equal("st1", (string?)a!["storage"]));
            Assert.All(Ango.GetAssets(_projectId), a => Assert.Equal(week, (string?)a["batches"]![0]));
        }

        [Fact]
        public void An_unknown_batch_stops_the_command_before_anything_is_uploaded_or_registered()
        {
            var file = File("a.jpg", 1);
            Ango.DefineBatch(_projectId, "Week 1");

            var result = RunConnected("Add-AngoAsset -ProjectId $p -Path $f -Batch Nope", new Dictionary<string, object?> { ["f"] = file });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("no batch named 'Nope'", error.Exception.Message);
            Assert.Contains("'Week 1'", error.Exception.Message);
            Assert.Empty(Requests("GET", "/v2/getUploadUrl"));
            Assert.Empty(Requests("POST", "/v2/"));
            Assert.Empty(Ango.StorageUploads);
        }

        [Fact]
        public void WhatIf_sends_nothing()
        {
            var file = File("a.jpg", 1);

            var result = RunConnected("Add-AngoAsset -ProjectId $p -Path $f -Batch 'Week 1' -WhatIf\nAdd-AngoAsset -ProjectId $p -Uri https://cdn.example.test/a.jpg -WhatIf",
                new Dictionary<string, object?> { ["f"] = file });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
            Assert.Empty(Ango.StorageUploads);
        }

        [Fact]
        public void A_registration_that_fails_ambiguously_is_not_re_sent_and_is_one_error_naming_what_it_carried()
        {
            Account.Faults.Add("POST", "/v2/project/*/cloud", new Fault { Status = 500 });

            var result = RunConnected("Add-AngoAsset -ProjectId $p -Uri https://cdn.example.test/a.jpg, https://cdn.example.test/b.jpg");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.ServerError", error.FullyQualifiedErrorId);
            Assert.Equal(new object[] { "https://cdn.example.test/a.jpg", "https://cdn.example.test/b.jpg" }, (object[])error.TargetObject);
            Assert.Single(Requests("POST", "/v2/project/" + _projectId + "/cloud"));
            Assert.Empty(result.Objects<AngoAssetImportResult>());
        }

        [Fact]
        public void ExternalId_names_a_single_asset_and_is_refused_for_several()
        {
            var result = RunConnected("Add-AngoAsset -ProjectId $p -Uri https://cdn.example.test/a.jpg -ExternalId scene-1\nAdd-AngoAsset -ProjectId $p -Uri https://cdn.example.test/a.jpg, https://cdn.example.test/b.jpg -ExternalId two");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            var sent = CloudAssets(Assert.Single(Requests("POST", "/v2/project/" + _projectId + "/cloud")));
            Assert.Equal("scene-1", (string?)Assert.Single(sent)!["externalId"]);
        }

        [Fact]
        public void An_unknown_project_is_NotFound_for_each_file_and_nothing_is_registered()
        {
            var file = File("a.jpg", 1);

            var result = RunConnected("Add-AngoAsset -ProjectId nope -Path $f", new Dictionary<string, object?> { ["f"] = file });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal(file, error.TargetObject);
            Assert.Empty(Requests("POST", "/v2/"));
        }
    }
}
