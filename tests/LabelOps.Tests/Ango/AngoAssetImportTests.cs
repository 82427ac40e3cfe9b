using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Emulator;
using LabelOps.Engine;
using LabelOps.Engine.Ango;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    /// <summary>
    /// AngoAssetImport, the engine half of Add-AngoAsset, against the in-process emulator with no PowerShell host: what
    /// is uploaded and registered in which order, and what each item's outcome is. Tests/Pester/Ango.Assets.Tests.ps1
    /// specifies the cmdlet on top (binding, errors as records, progress records).
    /// </summary>
    public sealed class AngoAssetImportTests : IDisposable
    {
        private readonly EmulatorAccount _account = SharedEmulator.Server.CreateAccount();
        private readonly string _folder = Directory.CreateTempSubdirectory("labelops-import-").FullName;
        private readonly string _projectId;
        private readonly List<AngoAssetImportOutcome> _outcomes = new List<AngoAssetImportOutcome>();
        private readonly List<AngoImportProgress> _progress = new List<AngoImportProgress>();

        public AngoAssetImportTests() => _projectId = _account.Ango.AddProject("Import");

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private AngoAssetImport Import(int throttleLimit = 8, bool skipExisting = false, IReadOnlyList<string>? batches = null)
        {
            // No retries: a fault injected once is the failure the item sees.
            var session = AngoConnection.Open(SecureStrings.FromPlainText(_account.ApiKey), new Uri(SharedEmulator.Server.BaseUri, "v2/"), new SessionOptions { MaximumRetryCount = 0 });
            return new AngoAssetImport(new AngoClient(session), _projectId)
            {
                ThrottleLimit = throttleLimit,
                SkipExisting = skipExisting,
                Batches = batches,
                Outcome = _outcomes.Add, // called one at a time
                Progress = p => { lock (_progress) _progress.Add(p); },
            };
        }

        private List<AngoAssetImportItem> Files(int count)
        {
            var items = new List<AngoAssetImportItem>();
            for (var i = 0; i < count; i++)
            {
                var file = Path.Combine(_folder, "img-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + ".jpg");
                File.WriteAllBytes(file, new byte[] { 0xFF, 0xD8, (byte)i });
                items.Add(AngoAssetSources.FromFile(file, null));
            }
            return items;
        }

        private static List<AngoAssetImportItem> Urls(params string[] names) =>
            names.Select(n => AngoAssetSources.FromUrl("https://bucket.example.test/raw/" + n, null)).ToList();

        private IEnumerable<string?> ExternalIdsInEmulator() => _account.Ango.GetAssets(_projectId).Select(a => (string?)a["externalId"]);

        private List<RecordedRequest> Requests(string method, string pathEnd) =>
            _account.Requests.Where(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal)).ToList();

        [Fact]
        public async Task Files_are_uploaded_then_registered_100_a_request_in_input_order()
        {
            var items = Files(201);

            await Import().RunAsync(items, CancellationToken.None);

            var registered = _outcomes.Where(o => o.Kind == AngoAssetImportOutcomeKind.Registered).ToList();
            Assert.Equal(_outcomes.Count, registered.Count);
            Assert.Equal(new[] { 100, 100, 1 }, registered.Select(o => o.Items.Count));
            Assert.Equal(items, registered.SelectMany(o => o.Items));
            Assert.Equal(new long[] { 100, 100, 1 }, registered.Select(o => o.Result!.AssetsCreated));
            // Requests run side by side, so the emulator may store them in any order; the outcomes keep the input order.
            Assert.Equal(items.Select(i => i.Asset.ExternalId), ExternalIdsInEmulator().OrderBy(id => id, StringComparer.Ordinal));

            // Every upload (signed URL, then the PUT to storage, which the account's log does not see) ends before the first registration is sent.
            var uploads = _account.Ango.StorageUploads;
            var firstRegistration = Requests("POST", "/cloud").Min(r => r.ReceivedAt);
            Assert.Equal(201, uploads.Count(u => u.Status == 200 && !u.HadApiKey));
            Assert.Equal(items.Select(i => Path.GetFileName(i.File)).OrderBy(n => n, StringComparer.Ordinal), uploads.Select(u => u.FileName).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal("image/jpeg", uploads[0].ContentType);
            Assert.Equal(201, Requests("GET", "/getUploadUrl").Count);
            Assert.True(uploads.Max(u => u.ReceivedAt) <= firstRegistration);
            Assert.Equal(3, Requests("POST", "/cloud").Count);

            // Registered under the signed URL without its signature, and the file it came from kept.
            Assert.All(items, i => Assert.DoesNotContain("?", i.Asset.Data));
            Assert.All(items, i => Assert.Equal(i.File, i.Asset.SourcePath));

            // Upload progress ends completed, then one report per registration request, then completed.
            var registering = _progress.Where(p => p.Registering).Select(p => p.Status).ToList();
            Assert.Equal(new[] { "Request 1 of 3 (100 assets)", "Request 2 of 3 (100 assets)", "Request 3 of 3 (1 assets)", "Done" }, registering);
            Assert.True(_progress.Last(p => !p.Registering).Completed);
        }

        [Fact]
        public async Task A_failed_upload_is_that_items_failure_and_the_rest_still_register()
        {
            var items = Files(5);
            File.Delete(items[2].File!); // gone between being named and being uploaded
            _account.Faults.Add("GET", "/v2/getUploadUrl", new Fault { Status = 403 }); // the first upload that asks for a URL

            await Import(throttleLimit: 1).RunAsync(items, CancellationToken.None);

            Assert.Equal(
                new[] { AngoAssetImportOutcomeKind.Failed, AngoAssetImportOutcomeKind.Failed, AngoAssetImportOutcomeKind.Registered },
                _outcomes.Select(o => o.Kind));
            Assert.Equal(items[0], _outcomes[0].Items.Single());
            Assert.Equal(items[0].File, _outcomes[0].Target);
            Assert.Equal(items[2], _outcomes[1].Items.Single());
            Assert.Equal(ErrorReason.NotFound, _outcomes[1].Failure!.Reason);
            Assert.Equal(new[] { items[1], items[3], items[4] }, _outcomes[2].Items);
            Assert.Equal(new[] { "img-001.jpg", "img-003.jpg", "img-004.jpg" }, ExternalIdsInEmulator());
        }

        [Fact]
        public async Task SkipExisting_leaves_out_the_external_ids_the_project_holds_and_reports_them_skipped()
        {
            _account.Ango.AddAsset(_projectId, "b.jpg");
            _account.Ango.AddAsset(_projectId, "d.jpg");
            var items = Urls("a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg");
            var verbose = new List<string>();
            var import = Import(skipExisting: true);
            import.Verbose = verbose.Add;

            await import.RunAsync(items, CancellationToken.None);

            Assert.Equal(new[] { AngoAssetImportOutcomeKind.Skipped, AngoAssetImportOutcomeKind.Registered }, _outcomes.Select(o => o.Kind));
            Assert.Equal(new[] { items[1], items[3] }, _outcomes[0].Items);
            Assert.Equal(2, _outcomes[0].Result!.AssetsSkipped);
            Assert.Equal(0, _outcomes[0].Result!.AssetsCreated);
            Assert.Equal(new[] { items[0], items[2], items[4] }, _outcomes[1].Items);
            Assert.Equal(new[] { "b.jpg", "d.jpg", "a.jpg", "c.jpg", "e.jpg" }, ExternalIdsInEmulator());
            Assert.Equal("2 of 5 asset(s) already in project " + _projectId + " (by external id); 3 to add.", verbose.Single());
            var cloud = Requests("POST", "/cloud").Single();
            Assert.DoesNotContain("b.jpg", cloud.Body);
            Assert.DoesNotContain("d.jpg", cloud.Body);
        }

        [Fact]
        public async Task A_failed_registration_is_not_sent_again_and_fails_only_the_items_it_carried()
        {
            var items = Urls(Enumerable.Range(0, 250).Select(i => "u" + i + ".jpg").ToArray());
            _account.Faults.Add("POST", "/v2/project/*/cloud", new Fault { Status = 500 });

            await Import(throttleLimit: 1).RunAsync(items, CancellationToken.None);

            Assert.Equal(
                new[] { AngoAssetImportOutcomeKind.NotRegistered, AngoAssetImportOutcomeKind.Registered, AngoAssetImportOutcomeKind.Registered },
                _outcomes.Select(o => o.Kind));
            Assert.Equal(items.Take(100), _outcomes[0].Items);
            Assert.Equal(items.Take(100).Select(i => i.Target), (object?[])_outcomes[0].Target!);
            Assert.Equal(3, Requests("POST", "/cloud").Count);
            Assert.Equal(150, _account.Ango.GetAssets(_projectId).Count);
        }

        [Fact]
        public async Task Batch_names_resolve_to_ids_an_unknown_one_stops_everything_and_a_rows_unknown_batch_fails_that_row()
        {
            var week = _account.Ango.AddBatchToProject(_projectId, "Week 1");
            var extra = _account.Ango.AddBatchToProject(_projectId, "Extra");
            var row = new OrderedDictionary(StringComparer.OrdinalIgnoreCase) { ["data"] = "https://bucket.example.test/r.jpg", ["batches"] = "Extra" };
            var badRow = new OrderedDictionary(StringComparer.OrdinalIgnoreCase) { ["data"] = "https://bucket.example.test/s.jpg", ["batches"] = "Nope" };
            var items = new List<AngoAssetImportItem> { AngoAssetSources.FromRow(row, "Hashtable", row, null), AngoAssetSources.FromRow(badRow, "Hashtable", badRow, null) };

            var unknown = await Assert.ThrowsAsync<LabelOpsException>(() => Import(batches: new[] { "Week 9" }).RunAsync(items, CancellationToken.None));
            Assert.Equal(ErrorReason.InvalidArgument, unknown.Reason);
            Assert.Empty(_outcomes);
            Assert.Empty(Requests("POST", "/cloud"));

            await Import(batches: new[] { "Week 1" }).RunAsync(items, CancellationToken.None);

            Assert.Equal(new[] { AngoAssetImportOutcomeKind.Failed, AngoAssetImportOutcomeKind.Registered }, _outcomes.Select(o => o.Kind));
            Assert.Same(badRow, _outcomes[0].Target);
            Assert.Equal(new[] { week, extra }, items[0].Asset.Batches);
        }

        [Fact]
        public void Rows_read_json_text_batch_lists_and_storage_and_a_row_without_data_is_refused()
        {
            var row = new OrderedDictionary(StringComparer.OrdinalIgnoreCase)
            {
                ["data"] = " https://bucket.example.test/a%20b.jpg ",
                ["metadata"] = "{\"width\": 10}",
                ["contextData"] = "",
                ["batches"] = "Week 1; Week 2",
                ["storageId"] = "s1",
            };

            var item = AngoAssetSources.FromRow(row, "PSCustomObject", "the row", "default-storage");

            Assert.Equal("https://bucket.example.test/a%20b.jpg", item.Asset.Data);
            Assert.Equal("a b.jpg", item.Asset.ExternalId);
            Assert.Equal(10L, ((System.Collections.IDictionary)item.Asset.Metadata!)["width"]);
            Assert.Null(item.Asset.ContextData);
            Assert.Equal("s1", item.Asset.Storage);
            Assert.Equal(new[] { "Week 1", "Week 2" }, item.RowBatches);
            Assert.Equal("the row", item.Target);
            Assert.Equal(new[] { "x", "y" }, AngoAssetSources.FromRow(new OrderedDictionary { ["data"] = "https://h.test/x", ["batches"] = "[\"x\",\"y\"]" }, "Hashtable", null, null).RowBatches);
            Assert.Equal(ErrorReason.InvalidArgument, Assert.Throws<LabelOpsException>(() => AngoAssetSources.FromRow(new OrderedDictionary { ["externalId"] = "e" }, "Hashtable", null, null)).Reason);
            Assert.Equal(ErrorReason.InvalidArgument, Assert.Throws<LabelOpsException>(() => AngoAssetSources.FromRow("text", "String", null, null)).Reason);
            Assert.Equal(ErrorReason.InvalidArgument, Assert.Throws<LabelOpsException>(() => AngoAssetSources.FromUrl("not/a/url", null)).Reason);
        }
    }
}
