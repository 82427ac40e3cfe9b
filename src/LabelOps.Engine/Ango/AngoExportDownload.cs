using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Exports a project's annotations (Export-AngoAnnotation): -Batch and -Stage names are resolved, GET /exportV3
    /// builds the archive, and the zip at data.exportPath is downloaded without the API key. <see cref="SaveAsync"/>
    /// keeps the zip as a file; <see cref="ReadAsync"/> hands out its task records one at a time, so an export of any
    /// size keeps memory flat. Either way no half-written file is left behind when the download fails or is cancelled.
    /// </summary>
    internal sealed class AngoExportDownload
    {
        private readonly AngoClient _client;
        private readonly string _projectId;

        public AngoExportDownload(AngoClient client, string projectId)
        {
            _client = client;
            _projectId = projectId;
        }

        /// <summary>Batch names or ids; tasks in any of them are exported.</summary>
        public IReadOnlyList<string>? Batches { get; set; }

        /// <summary>Stage names or ids; tasks in any of them are exported.</summary>
        public IReadOnlyList<string>? Stages { get; set; }

        public AngoExportFormat Format { get; set; } = AngoExportFormat.Json;

        public bool IncludeHistory { get; set; }

        public bool IncludeMetadata { get; set; }

        /// <summary>Where <see cref="ReadAsync"/> spools the archive (a file of its own, deleted at the end); the system's temporary folder when null.</summary>
        public string? SpoolFolder { get; set; }

        /// <summary>Bytes downloaded and records read (see <see cref="ProgressThrottle"/> for how often), then a completed report.</summary>
        public Action<AngoExportProgress>? Progress { get; set; }

        public Action<string>? Verbose { get; set; }

        /// <summary>
        /// The file <see cref="SaveAsync"/> writes: <paramref name="path"/>, or &lt;ProjectId&gt;.zip in it when it is
        /// a folder or <paramref name="namesFolder"/> (the user ended it with a separator; the folder is then created).
        /// A folder that does not exist, or a file already there without <paramref name="overwrite"/>, is the user's to
        /// fix: LabelOps.InvalidOperation, and no request is spent on it.
        /// </summary>
        public string Destination(string path, bool namesFolder, bool overwrite)
        {
            string destination;
            if (namesFolder || Directory.Exists(path))
            {
                try
                {
                    Directory.CreateDirectory(path);
                }
                catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
                {
                    throw new LabelOpsException(ErrorReason.InvalidOperation, "Cannot create the folder '" + path + "': " + exception.Message, exception);
                }
                destination = Path.Combine(path, _projectId + ".zip");
            }
            else
            {
                destination = path;
                var folder = Path.GetDirectoryName(destination);
                if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                {
                    throw new LabelOpsException(ErrorReason.InvalidOperation,
                        "Cannot write '" + destination + "': the folder '" + folder + "' does not exist. Create it, or end -Path with a separator to have the cmdlet create it.");
                }
            }
            if (File.Exists(destination) && !overwrite)
            {
                throw new LabelOpsException(ErrorReason.InvalidOperation, "The file '" + destination + "' already exists; use -Force to overwrite it.");
            }
            return destination;
        }

        /// <summary>
        /// Saves the zip as it is at <see cref="Destination"/> (checked before any request). It is written beside it as
        /// &lt;file&gt;.partial and renamed over the destination only once complete, so a failed or cancelled download
        /// leaves the destination as it was and no .partial behind.
        /// </summary>
        public async Task<FileInfo> SaveAsync(string path, bool namesFolder, bool overwrite, CancellationToken cancellationToken)
        {
            var destination = Destination(path, namesFolder, overwrite);
            var archive = await RequestAsync(cancellationToken).ConfigureAwait(false);
            var partial = destination + ".partial";
            try
            {
                await _client.DownloadExportAsync(archive, partial, destination, Downloaded, cancellationToken).ConfigureAwait(false);
                if (File.Exists(destination)) File.Delete(destination);
                File.Move(partial, destination);
            }
            finally
            {
                DeleteIfThere(partial);
            }
            Progress?.Invoke(AngoExportProgress.Done);
            return new FileInfo(destination);
        }

        /// <summary>
        /// The task records, one at a time. The zip's directory is at its end, so the archive is spooled to a file in
        /// <see cref="SpoolFolder"/> first; records are then inflated and parsed from it as they are asked for. The
        /// spool is deleted when the records end, fail, or the caller stops early (disposing the enumerator).
        /// </summary>
        public async IAsyncEnumerable<AngoExportRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var archive = await RequestAsync(cancellationToken).ConfigureAwait(false);
            var spool = Path.Combine(SpoolFolder ?? Path.GetTempPath(), "labelops-export-" + Guid.NewGuid().ToString("N") + ".zip");
            try
            {
                await _client.DownloadExportAsync(archive, spool, spool, Downloaded, cancellationToken).ConfigureAwait(false);
                long count = 0;
                var throttle = new ProgressThrottle();
                await foreach (var record in ExportRecordReader.ReadArchiveAsync(spool, Format, cancellationToken).ConfigureAwait(false))
                {
                    yield return record;
                    count++;
                    if (throttle.Due()) Progress?.Invoke(AngoExportProgress.Read(count));
                }
                Verbose?.Invoke("Exported " + count + " records from project " + _projectId);
                Progress?.Invoke(AngoExportProgress.Done);
            }
            finally
            {
                DeleteIfThere(spool);
            }
        }

        private async Task<Uri> RequestAsync(CancellationToken cancellationToken)
        {
            var names = new AngoNameResolver(_client, _projectId);
            var export = new AngoExportRequest
            {
                ProjectId = _projectId,
                BatchIds = await names.BatchIdsAsync(Batches, cancellationToken).ConfigureAwait(false),
                StageIds = await names.StageIdsAsync(Stages, cancellationToken).ConfigureAwait(false),
                Format = Format,
                IncludeHistory = IncludeHistory,
                IncludeMetadata = IncludeMetadata,
            };
            var archive = await _client.RequestExportAsync(export, cancellationToken).ConfigureAwait(false);
            // Without the query: it carries the link's signature.
            Verbose?.Invoke("Export of project " + _projectId + " is ready; downloading " + archive.GetLeftPart(UriPartial.Path));
            return archive;
        }

        private void Downloaded(long written, long? length) => Progress?.Invoke(AngoExportProgress.Downloaded(written, length));

        // A file that cannot be deleted must not hide the failure that ended the export.
        private static void DeleteIfThere(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
