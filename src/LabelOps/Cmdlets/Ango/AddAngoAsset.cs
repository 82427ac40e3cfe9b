using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Adds assets to a project from local files (uploaded to a signed URL, then registered), cloud URLs, or
    /// rows (Import-Csv, [pscustomobject], hashtables). Everything named is collected first, then uploaded (up to
    /// -ThrottleLimit files at once) and registered 100 assets per request. A file or row that fails is one non-terminating
    /// error and the rest go on; a registration request is never re-sent after an ambiguous failure.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AngoAsset", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoAssetImportResult))]
    public sealed class AddAngoAsset : AngoCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string UriSet = "Uri";
        private const string RowSet = "InputObject";

        private readonly List<AngoAssetImportItem> _pending = new List<AngoAssetImportItem>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>Local files; wildcards and PowerShell drives are resolved. The external id is the file name.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Local files taken as written (no wildcards: 'img[1].jpg' is that file). Files from Get-ChildItem bind here by their PSPath.</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = new string[0];

        /// <summary>URLs the service can read (public, or in a storage integration named by -StorageId).</summary>
        [Parameter(ParameterSetName = UriSet, Mandatory = true, Position = 1)]
        [Alias("Url")]
        [ValidateNotNullOrEmpty]
        public string[] Uri { get; set; } = new string[0];

        /// <summary>
        /// Asset rows with data (the URL) and optionally externalId, batches, metadata, contextData, attachments and
        /// storage; files (FileInfo, from Get-ChildItem) are uploaded as with -Path.
        /// </summary>
        [Parameter(ParameterSetName = RowSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>Batch names or ids every asset is added to (rows may name more in a 'batches' column).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoBatchNameCompleter))]
        public string[]? Batch { get; set; }

        /// <summary>The storage integration the URLs (or the uploads) belong to.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorageId { get; set; }

        /// <summary>The external id, when exactly one asset is added (by default the file name, or the URL).</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiteralPathSet)]
        [Parameter(ParameterSetName = UriSet)]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        /// <summary>
        /// Leaves out every item whose external id the project already holds (read from the asset listing before
        /// anything is uploaded), and writes it as a result with AssetsSkipped, so a re-run after a kill adds each
        /// item once and still writes a result for every item.
        /// </summary>
        [Parameter]
        public SwitchParameter SkipExisting { get; set; }

        /// <summary>How many uploads, and then how many registration requests, may be in flight at once. Output keeps the input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case UriSet:
                    foreach (var uri in Uri) Add(uri, () => AngoAssetSources.FromUrl(uri, StorageId), _ => uri);
                    break;
                case RowSet:
                    AddRow(InputObject);
                    break;
                default:
                    var literal = ParameterSetName == LiteralPathSet;
                    foreach (var path in literal ? LiteralPath : Path)
                    {
                        foreach (var file in LocalFiles.ResolveOrWriteError(this, path, literal)) AddFile(file);
                    }
                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (_pending.Count == 0) return;
            if (ExternalId != null)
            {
                if (_pending.Count != 1)
                {
                    ThrowTerminating(LabelOpsException.InvalidArgument("-ExternalId names one asset, but " + _pending.Count + " were given."), ExternalId);
                }
                _pending[0].Asset.ExternalId = ExternalId;
            }
            try
            {
                RunAsync(ImportAsync);
            }
            catch (LabelOpsException failure)
            {
                ThrowTerminating(failure, ProjectId);
            }
        }

        private void AddFile(string file)
        {
            if (!ShouldProcess(file, "Upload to Ango project " + ProjectId + " and add as an asset")) return;
            _pending.Add(AngoAssetSources.FromFile(file, StorageId));
        }

        private void AddRow(PSObject? row)
        {
            if (row?.BaseObject is FileInfo file)
            {
                AddFile(file.FullName);
                return;
            }
            var plain = PowerShellValues.ToPlain(row);
            Add(row, () => AngoAssetSources.FromRow(plain, row?.BaseObject?.GetType().Name ?? "null", row, StorageId), item => item.Asset.ExternalId + " (" + item.Asset.Data + ")");
        }

        /// <summary>An input that cannot be an asset is one error naming it; the others go on.</summary>
        private void Add(object? input, Func<AngoAssetImportItem> read, Func<AngoAssetImportItem, string> shown)
        {
            AngoAssetImportItem item;
            try
            {
                item = read();
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, input));
                return;
            }
            if (ShouldProcess(shown(item), "Add as an asset of Ango project " + ProjectId)) _pending.Add(item);
        }

        private Task ImportAsync(PipelineBridge bridge, CancellationToken token) =>
            new AngoAssetImport(ClientFor(bridge), ProjectId)
            {
                Batches = Batch,
                StorageId = StorageId,
                SkipExisting = SkipExisting,
                ThrottleLimit = ThrottleLimit,
                Verbose = bridge.Verbose,
                Progress = progress => bridge.WriteProgress(new ProgressRecord(
                    progress.Registering ? 4102 : 4101,
                    progress.Registering ? "Registering Ango assets in " + ProjectId : "Uploading files to Ango",
                    progress.Status)
                {
                    PercentComplete = progress.PercentComplete,
                    CurrentOperation = progress.Current,
                    RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                }),
                Outcome = outcome =>
                {
                    if (outcome.Failure != null) bridge.WriteError(ErrorRecords.From(outcome.Failure, outcome.Target));
                    else bridge.WriteObject(outcome.Result);
                },
            }.RunAsync(_pending, token);
    }
}
