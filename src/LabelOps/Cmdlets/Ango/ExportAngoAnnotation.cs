using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

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
                // Resolved here, before the first await: the session state is read on the pipeline thread.
                var path = ParameterSetName == FileSet ? ResolveFilePath(Path) : null;
                var activity = "Exporting Ango project " + projectId;
                var progressId = ProgressActivityId(activity);
                var export = new AngoExportDownload(ClientFor(bridge), projectId)
                {
                    Batches = Batch,
                    Stages = Stage,
                    Format = string.Equals(Format, "Ndjson", StringComparison.OrdinalIgnoreCase) ? AngoExportFormat.Ndjson : AngoExportFormat.Json,
                    IncludeHistory = IncludeHistory,
                    IncludeMetadata = IncludeMetadata,
                    Verbose = bridge.Verbose,
                    Progress = progress => bridge.WriteProgress(new ProgressRecord(progressId, activity, progress.Status)
                    {
                        PercentComplete = progress.PercentComplete,
                        RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                    }),
                };
                if (path != null)
                {
                    var namesFolder = Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal);
                    bridge.WriteObject(await export.SaveAsync(path, namesFolder, Force, token).ConfigureAwait(false));
                    return;
                }
                await foreach (var record in export.ReadAsync(token).ConfigureAwait(false))
                {
                    bridge.WriteObject(record);
                }
            });
        }
    }
}
