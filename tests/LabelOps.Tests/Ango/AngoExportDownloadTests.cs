using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
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
    /// AngoExportDownload, the engine half of Export-AngoAnnotation, against the in-process emulator with no PowerShell
    /// host: where the zip goes, what is refused before any request, and that no spool or .partial file outlives a
    /// failure, a cancel or an early stop. Tests/Pester/Ango.Export.Tests.ps1 specifies the cmdlet on top (binding,
    /// records on the pipeline, errors as records, progress records).
    /// </summary>
    public sealed class AngoExportDownloadTests : IDisposable
    {
        private readonly EmulatorAccount _account = SharedEmulator.Server.CreateAccount();
        private readonly string _folder = Directory.CreateTempSubdirectory("labelops-export-").FullName;
        private readonly string _spool;
        private readonly string _projectId;
        private readonly List<AngoExportProgress> _progress = new List<AngoExportProgress>();
        private readonly List<string> _verbose = new List<string>();

        public AngoExportDownloadTests()
        {
            _projectId = _account.Ango.AddProject("Export");
            _spool = Directory.CreateDirectory(Path.Combine(_folder, "spool")).FullName;
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private AngoClient Client() =>
            new AngoClient(AngoConnection.Open(SecureStrings.FromPlainText(_account.ApiKey), new Uri(SharedEmulator.Server.BaseUri, "v2/"), new SessionOptions { MaximumRetryCount = 0 }));

        private AngoExportDownload Export(AngoExportFormat format = AngoExportFormat.Json) => new AngoExportDownload(Client(), _projectId)
        {
            Format = format,
            SpoolFolder = _spool,
            Progress = _progress.Add,
            Verbose = _verbose.Add,
        };

        private static async Task<List<AngoExportRecord>> ReadAll(IAsyncEnumerable<AngoExportRecord> records)
        {
            var all = new List<AngoExportRecord>();
            await foreach (var record in records) all.Add(record);
            return all;
        }

        private static string[] Names(string folder) => Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!;

        private int ExportRequests() => _account.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/exportV3", StringComparison.Ordinal));

        [Theory]
        [InlineData("Json")]
        [InlineData("Ndjson")]
        public async Task Records_are_read_from_a_spooled_archive_that_is_deleted_when_they_end(string format)
        {
            _account.Ango.AddAssets(_projectId, 3);

            var records = await ReadAll(Export((AngoExportFormat)Enum.Parse(typeof(AngoExportFormat), format)).ReadAsync(CancellationToken.None));

            Assert.Equal(_account.Ango.GetTasks(_projectId).Select(t => (string?)t["_id"]), records.Select(r => r.TaskId));
            Assert.Empty(Names(_spool));
            Assert.StartsWith("Export of project " + _projectId + " is ready; downloading http", _verbose[0]);
            Assert.DoesNotContain("signature", _verbose[0]);
            Assert.Equal("Exported 3 records from project " + _projectId, _verbose[1]);
            // The download's first report at once, its last figure, the first record at once, then completed.
            Assert.EndsWith(" KB downloaded", _progress[0].Status);
            Assert.Equal("1 records read", _progress.First(p => p.Status.EndsWith("records read", StringComparison.Ordinal)).Status);
            Assert.Equal(new[] { "Done" }, _progress.Where(p => p.Completed).Select(p => p.Status));
            Assert.True(_progress.Last().Completed);
        }

        [Fact]
        public async Task A_path_ending_in_a_separator_is_a_folder_created_for_ProjectId_zip_with_no_partial_left()
        {
            _account.Ango.AddAssets(_projectId, 2);
            var folder = Path.Combine(_folder, "new", "exports");

            var file = await Export().SaveAsync(folder, namesFolder: true, overwrite: false, CancellationToken.None);

            Assert.Equal(Path.Combine(folder, _projectId + ".zip"), file.FullName);
            Assert.Equal(new[] { _projectId + ".zip" }, Names(folder));
            using (var zip = ZipFile.OpenRead(file.FullName))
            {
                Assert.Single(zip.Entries);
            }
            Assert.Equal("Done", _progress.Last().Status);
            Assert.True(_progress.Last().Completed);
            Assert.Empty(Names(_spool));

            // An existing folder is a folder without the separator too.
            var again = await Export().SaveAsync(folder, namesFolder: false, overwrite: true, CancellationToken.None);
            Assert.Equal(file.FullName, again.FullName);
        }

        [Fact]
        public async Task A_missing_folder_or_an_existing_file_without_overwrite_is_refused_before_any_request_and_overwrite_replaces_it()
        {
            var missing = Path.Combine(_folder, "no", "such", "x.zip");
            var existing = Path.Combine(_folder, "existing.zip");
            File.WriteAllText(existing, "keep me");

            var noFolder = await Assert.ThrowsAsync<LabelOpsException>(() => Export().SaveAsync(missing, namesFolder: false, overwrite: false, CancellationToken.None));
            var noOverwrite = await Assert.ThrowsAsync<LabelOpsException>(() => Export().SaveAsync(existing, namesFolder: false, overwrite: false, CancellationToken.None));

            Assert.Equal(ErrorReason.InvalidOperation, noFolder.Reason);
            Assert.Contains("'" + missing + "'", noFolder.Message);
            Assert.Equal(ErrorReason.InvalidOperation, noOverwrite.Reason);
            Assert.Empty(_account.Requests);
            Assert.Equal("keep me", File.ReadAllText(existing));

            var file = await Export().SaveAsync(existing, namesFolder: false, overwrite: true, CancellationToken.None);

            Assert.Equal(existing, file.FullName);
            Assert.Equal(new byte[] { 0x50, 0x4B }, File.ReadAllBytes(existing).Take(2)); // a zip now
            Assert.Equal(1, ExportRequests());
        }

        [Fact]
        public async Task A_download_cancelled_midway_leaves_no_partial_and_the_old_file_as_it_was()
        {
            _account.Ango.SetGeneratedExportRecords(_projectId, 20000);
            var existing = Path.Combine(_folder, "existing.zip");
            File.WriteAllText(existing, "keep me");
            using var cancel = new CancellationTokenSource();
            var export = Export();
            // Cancelled from the first report of downloaded bytes: the .partial file is open and part-written then.
            export.Progress = p =>
            {
                _progress.Add(p);
                cancel.Cancel();
            };

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => export.SaveAsync(existing, namesFolder: false, overwrite: true, cancel.Token));

            Assert.EndsWith(" KB downloaded", _progress.Single().Status);
            Assert.Equal(new[] { "existing.zip" }, Names(_folder));
            Assert.Equal("keep me", File.ReadAllText(existing));
        }

        [Fact]
        public async Task The_spool_is_deleted_when_the_reader_stops_early_is_cancelled_or_the_archive_cannot_be_read()
        {
            _account.Ango.SetGeneratedExportRecords(_projectId, 20000);

            // Stopped early: the caller leaves the loop (the enumerator is disposed).
            var read = 0;
            await foreach (var record in Export().ReadAsync(CancellationToken.None))
            {
                Assert.Single(Names(_spool));
                if (++read == 10) break;
            }
            Assert.Empty(Names(_spool));

            // Cancelled while records are being read.
            using (var cancel = new CancellationTokenSource())
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                {
                    await foreach (var record in Export().ReadAsync(cancel.Token)) cancel.Cancel();
                });
            }
            Assert.Empty(Names(_spool));

            // An archive that does not hold what was asked for: an NDJSON export read as a JSON array fails once it is spooled.
            var ndjson = await Client().RequestExportAsync(new AngoExportRequest { ProjectId = _projectId, Format = AngoExportFormat.Ndjson }, CancellationToken.None);
            _account.Faults.Add("GET", "/v2/exportV3", new Fault { Body = "{\"status\":\"success\",\"data\":{\"exportPath\":\"" + ndjson.AbsoluteUri + "\"}}" });
            var spooled = false;
            var export = Export(AngoExportFormat.Json);
            export.Progress = p => spooled |= Names(_spool).Length == 1;

            await Assert.ThrowsAsync<System.Text.Json.JsonException>(() => ReadAll(export.ReadAsync(CancellationToken.None)));

            Assert.True(spooled);
            Assert.Empty(Names(_spool));
        }
    }
}
