using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using LabelOps.Ango;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Exports a project's annotations (GET /exportV3, then the archive at data.exportPath, fetched without the
    /// API key). Without -Path each task record is written to the pipeline as it is read, so exports of any size
    /// keep memory flat; with -Path the zip is saved as it is.
    /// </summary>
    [Cmdlet(VerbsData.Export, "AngoAnnotation", DefaultParameterSetName = StreamSet)]
    [OutputType(typeof(AngoExportRecord), ParameterSetName = new[] { StreamSet })]
    [OutputType(typeof(FileInfo), ParameterSetName = new[] { FileSet })]
    public sealed class ExportAngoAnnotation : AngoCmdlet
    {
        private const string StreamSet = "Stream";
        private const string FileSet = "File";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>Batch names or ids; tasks in any of them are exported.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoBatchNameCompleter))]
        public string[]? Batch { get; set; }

        /// <summary>Stage names or ids; tasks in any of them are exported.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoStageNameCompleter))]
        public string[]? Stage { get; set; }

        [Parameter]
        [ValidateSet("Json", "Ndjson", IgnoreCase = true)]
        public string Format { get; set; } = "Json";

        [Parameter]
        public SwitchParameter IncludeHistory { get; set; }

        [Parameter]
        public SwitchParameter IncludeMetadata { get; set; }

        /// <summary>Save the zip here (a file path, or a folder for &lt;ProjectId&gt;.zip) instead of streaming records.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite an existing file at -Path.</summary>
        [Parameter(ParameterSetName = FileSet)]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var projectId = ProjectId;
            RunForItem(projectId, async (bridge, token) =>
            {
                // The destination is checked before the service is asked to build an export: a folder that does not
                // exist or a file already there is the user's to fix, and no request should be spent on it.
                var destination = ParameterSetName == FileSet ? Destination(projectId) : null;
                var client = ClientFor(bridge);
                var names = new AngoNameResolver(client, projectId);
                var format = string.Equals(Format, "Ndjson", StringComparison.OrdinalIgnoreCase) ? AngoExportFormat.Ndjson : AngoExportFormat.Json;
                var export = new AngoExportRequest
                {
                    ProjectId = projectId,
                    BatchIds = await names.BatchIdsAsync(Batch, token).ConfigureAwait(false),
                    StageIds = await names.StageIdsAsync(Stage, token).ConfigureAwait(false),
                    Format = format,
                    IncludeHistory = IncludeHistory,
                    IncludeMetadata = IncludeMetadata,
                };
                var archive = await client.RequestExportAsync(export, token).ConfigureAwait(false);
                bridge.Verbose("Export of project " + projectId + " is ready; downloading " + archive.GetLeftPart(UriPartial.Path));

                var activity = "Exporting Ango project " + projectId;
                var progressId = Math.Abs(activity.GetHashCode() % 1000) + 1;
                Action<long, long?> downloaded = (written, length) => bridge.WriteProgress(new ProgressRecord(progressId, activity, DescribeBytes(written, length))
                {
                    PercentComplete = length.HasValue && length.Value > 0 ? (int)Math.Min(100, written * 100 / length.Value) : -1,
                });

                if (destination != null)
                {
                    var partial = destination + ".partial";
                    try
                    {
                        await client.DownloadExportAsync(archive, partial, destination, downloaded, token).ConfigureAwait(false);
                        if (File.Exists(destination)) File.Delete(destination);
                        File.Move(partial, destination);
                    }
                    finally
                    {
                        if (File.Exists(partial)) File.Delete(partial);
                    }
                    bridge.WriteProgress(new ProgressRecord(progressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
                    bridge.WriteObject(new FileInfo(destination));
                    return;
                }

                // The zip's directory is at its end, so the archive is spooled to a temporary file first; records
                // are then inflated and parsed one at a time from it.
                var spool = System.IO.Path.GetTempFileName();
                try
                {
                    await client.DownloadExportAsync(archive, spool, spool, downloaded, token).ConfigureAwait(false);
                    long count = 0;
                    var sinceProgress = Stopwatch.StartNew();
                    await foreach (var record in ExportRecordReader.ReadArchiveAsync(spool, format, token).ConfigureAwait(false))
                    {
                        bridge.WriteObject(record);
                        count++;
                        if (sinceProgress.ElapsedMilliseconds >= 250)
                        {
                            sinceProgress.Restart();
                            bridge.WriteProgress(new ProgressRecord(progressId, activity, count + " records read"));
                        }
                    }
                    bridge.Verbose("Exported " + count + " records from project " + projectId);
                    bridge.WriteProgress(new ProgressRecord(progressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
                finally
                {
                    File.Delete(spool);
                }
            });
        }

        /// <summary>The file to write: -Path, or &lt;ProjectId&gt;.zip in it when it is a folder. Refuses what cannot work.</summary>
        private string Destination(string projectId)
        {
            var resolved = ResolveFilePath(Path);
            string destination;
            if (Directory.Exists(resolved) || Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal))
            {
                try
                {
                    Directory.CreateDirectory(resolved);
                }
                catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
                {
                    throw new LabelOpsException(ErrorReason.InvalidOperation, "Cannot create the folder '" + resolved + "': " + exception.Message, exception);
                }
                destination = System.IO.Path.Combine(resolved, projectId + ".zip");
            }
            else
            {
                destination = resolved;
                var folder = System.IO.Path.GetDirectoryName(destination);
                if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                {
                    throw new LabelOpsException(ErrorReason.InvalidOperation,
                        "Cannot write '" + destination + "': the folder '" + folder + "' does not exist. Create it, or end -Path with a separator to have the cmdlet create it.");
                }
            }
            if (File.Exists(destination) && !Force)
            {
                throw new LabelOpsException(ErrorReason.InvalidOperation, "The file '" + destination + "' already exists; use -Force to overwrite it.");
            }
            return destination;
        }

        private static string DescribeBytes(long written, long? length) =>
            length.HasValue ? (written / 1024) + " KB of " + (length.Value / 1024) + " KB downloaded" : (written / 1024) + " KB downloaded";
    }
}
