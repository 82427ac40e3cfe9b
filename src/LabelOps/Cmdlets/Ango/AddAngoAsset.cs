using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Ango;
using LabelOps.Base;
using LabelOps.Engine;

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

        private readonly List<Pending> _pending = new List<Pending>();

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
                case PathSet:
                    foreach (var path in Path) AddFiles(path, literal: false);
                    break;
                case LiteralPathSet:
                    foreach (var path in LiteralPath) AddFiles(path, literal: true);
                    break;
                case UriSet:
                    foreach (var uri in Uri) AddUri(uri);
                    break;
                default:
                    AddRow(InputObject);
                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (_pending.Count == 0)
            {
                return;
            }
            if (ExternalId != null && _pending.Count != 1)
            {
                ThrowTerminating(LabelOpsException.InvalidArgument("-ExternalId names one asset, but " + _pending.Count + " were given."), ExternalId);
            }
            if (ExternalId != null)
            {
                _pending[0].Asset.ExternalId = ExternalId;
            }
            try
            {
                RunAsync(UploadAndRegisterAsync);
            }
            catch (LabelOpsException failure)
            {
                ThrowTerminating(failure, ProjectId);
            }
        }

        private void AddFiles(string path, bool literal)
        {
            IReadOnlyList<string> files;
            try
            {
                files = literal ? new[] { LocalFiles.ResolveLiteral(this, path) } : LocalFiles.Resolve(this, path);
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, path));
                return;
            }
            foreach (var file in files) AddFile(file);
        }

        private void AddFile(string file)
        {
            if (!ShouldProcess(file, "Upload to Ango project " + ProjectId + " and add as an asset")) return;
            _pending.Add(new Pending(new AngoNewAsset { ExternalId = System.IO.Path.GetFileName(file), SourcePath = file, Storage = StorageId }, file, file, null));
        }

        private void AddUri(string uri)
        {
            if (!System.Uri.TryCreate(uri, UriKind.Absolute, out _))
            {
                WriteError(ErrorRecords.From(LabelOpsException.InvalidArgument("'" + uri + "' is not an absolute URL."), uri));
                return;
            }
            if (!ShouldProcess(uri, "Add as an asset of Ango project " + ProjectId)) return;
            _pending.Add(new Pending(new AngoNewAsset { Data = uri, ExternalId = ExternalIdOf(uri), Storage = StorageId }, null, uri, null));
        }

        private void AddRow(PSObject? row)
        {
            if (row?.BaseObject is FileInfo file)
            {
                AddFile(file.FullName);
                return;
            }
            try
            {
                var values = PowerShellValues.ToPlain(row) as IDictionary
                    ?? throw LabelOpsException.InvalidArgument("An asset row must be an object or hashtable with a 'data' property; it was " + (row?.BaseObject?.GetType().Name ?? "null") + ".");
                var data = Text(values, "data") ?? throw LabelOpsException.InvalidArgument("The asset row has no 'data' (the asset's URL).");
                if (!System.Uri.TryCreate(data, UriKind.Absolute, out _))
                {
                    throw LabelOpsException.InvalidArgument("The asset row's data '" + data + "' is not an absolute URL.");
                }
                var asset = new AngoNewAsset
                {
                    Data = data,
                    ExternalId = Text(values, "externalId") ?? ExternalIdOf(data),
                    Metadata = Json(values, "metadata"),
                    ContextData = Json(values, "contextData"),
                    Attachments = Json(values, "attachments"),
                    Storage = Text(values, "storage") ?? Text(values, "storageId") ?? StorageId,
                };
                if (!ShouldProcess(asset.ExternalId + " (" + data + ")", "Add as an asset of Ango project " + ProjectId)) return;
                _pending.Add(new Pending(asset, null, row, List(values["batches"])));
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, row));
            }
        }

        private async Task UploadAndRegisterAsync(PipelineBridge bridge, CancellationToken token)
        {
            var client = ClientFor(bridge);
            var resolver = new AngoNameResolver(client, ProjectId);
            // An unknown -Batch stops the command before anything is uploaded or registered.
            var commonBatches = await resolver.BatchIdsAsync(Batch, token).ConfigureAwait(false);
            var pending = _pending;
            if (SkipExisting)
            {
                // Before any upload: what the project holds is left out and reported, 100 assets a result as registrations are.
                var existing = await client.ListExternalIdsAsync(ProjectId, token).ConfigureAwait(false);
                var skipped = pending.Where(p => p.Asset.ExternalId != null && existing.Contains(p.Asset.ExternalId)).ToList();
                pending = pending.Where(p => !(p.Asset.ExternalId != null && existing.Contains(p.Asset.ExternalId))).ToList();
                bridge.Verbose(skipped.Count + " of " + _pending.Count + " asset(s) already in project " + ProjectId + " (by external id); " + pending.Count + " to add.");
                for (var start = 0; start < skipped.Count; start += AngoClient.AssetsPerRegistration)
                {
                    var chunk = skipped.Skip(start).Take(AngoClient.AssetsPerRegistration).Select(p => p.Asset).ToArray();
                    bridge.WriteObject(new AngoAssetImportResult { ProjectId = ProjectId, AssetsSkipped = chunk.Length, Assets = chunk });
                }
            }

            // Batch names are resolved one item at a time (the resolver caches), then files upload up to
            // -ThrottleLimit at once; an item whose batches or upload fail is one error and the rest go on.
            var resolved = new List<Pending>();
            foreach (var item in pending)
            {
                token.ThrowIfCancellationRequested();
                try
                {
                    var batches = commonBatches.Concat(await resolver.BatchIdsAsync(item.RowBatches, token).ConfigureAwait(false)).Distinct().ToArray();
                    item.Asset.Batches = batches.Length == 0 ? null : batches;
                    resolved.Add(item);
                }
                catch (LabelOpsException failure)
                {
                    bridge.WriteError(ErrorRecords.From(failure, item.Target));
                }
            }
            var ready = new List<Pending>();
            var files = resolved.Where(p => p.File != null).ToList();
            var progress = new UploadProgress(bridge, files.Count);
            await OrderedWork.RunAsync(
                resolved,
                ThrottleLimit,
                async (item, t) =>
                {
                    if (item.File != null) await UploadAsync(client, item, progress, t).ConfigureAwait(false);
                    return item;
                },
                (item, call) =>
                {
                    if (call.Exception?.InnerException is LabelOpsException failure)
                    {
                        bridge.WriteError(ErrorRecords.From(failure, item.Target));
                        return;
                    }
                    ready.Add(call.GetAwaiter().GetResult());
                },
                token).ConfigureAwait(false);
            progress.Complete();

            var chunks = (ready.Count + AngoClient.AssetsPerRegistration - 1) / AngoClient.AssetsPerRegistration;
            var chunkItems = Enumerable.Range(0, chunks)
                .Select(chunk => ready.Skip(chunk * AngoClient.AssetsPerRegistration).Take(AngoClient.AssetsPerRegistration).ToList())
                .ToList();
            var registered = 0;
            // Each registration request is sent once (the session never re-sends a create after an ambiguous
            // failure); up to -ThrottleLimit are in flight, and results are written in input order.
            await OrderedWork.RunAsync(
                chunkItems,
                ThrottleLimit,
                (items, t) => client.RegisterAssetsAsync(ProjectId, items.Select(i => i.Asset).ToList(), t),
                (items, call) =>
                {
                    registered++;
                    bridge.WriteProgress(new ProgressRecord(RegisterActivityId, "Registering Ango assets in " + ProjectId, "Request " + registered + " of " + chunks + " (" + items.Count + " assets)")
                    {
                        PercentComplete = registered * 100 / chunks,
                    });
                    if (call.Exception?.InnerException is LabelOpsException failure)
                    {
                        // One error per failed request; its target lists what that request carried, to retry with.
                        bridge.WriteError(ErrorRecords.From(failure, items.Select(i => i.Target).ToArray()));
                        return;
                    }
                    bridge.WriteObject(call.GetAwaiter().GetResult());
                },
                token).ConfigureAwait(false);
            if (chunks > 0)
            {
                bridge.WriteProgress(new ProgressRecord(RegisterActivityId, "Registering Ango assets in " + ProjectId, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        private async Task UploadAsync(AngoClient client, Pending item, UploadProgress progress, CancellationToken token)
        {
            var file = item.File!;
            var length = LocalFiles.CheckReadable(file);
            progress.Starting(file, length);
            var signed = await client.GetUploadUrlAsync(ProjectId, System.IO.Path.GetFileName(file), StorageId, token).ConfigureAwait(false);
            var contentType = LocalFiles.ContentTypeOf(file);
            await client.UploadToSignedUrlAsync(signed, () =>
            {
                var content = new StreamContent(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true), 81920);
                content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                return content;
            }, token).ConfigureAwait(false);
            item.Asset.Data = AngoClient.AssetUrlOf(signed);
            progress.Finished(length);
        }

        private const int UploadActivityId = 4101;
        private const int RegisterActivityId = 4102;

        private static string ExternalIdOf(string url)
        {
            if (!System.Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url;
            var name = System.Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? string.Empty).Trim('/');
            return name.Length == 0 ? url : name;
        }

        private static string? Text(IDictionary values, string name)
        {
            var value = values.Contains(name) ? values[name] : null;
            var text = value == null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        private static object? Json(IDictionary values, string name)
        {
            if (!values.Contains(name)) return null;
            var value = values[name];
            if (value is string text && text.Trim().Length == 0) return null;
            return PowerShellValues.ToPlainOrParsedJson(value, name);
        }

        /// <summary>A 'batches' column: a list, a JSON array, or names separated by ';' or ','.</summary>
        private static IReadOnlyList<string>? List(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text when text.TrimStart().StartsWith("[", StringComparison.Ordinal):
                    return (PowerShellValues.ToPlainOrParsedJson(text, "batches") as IEnumerable)?.Cast<object?>().Select(o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToList();
                case string text:
                    return text.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
                case IEnumerable items:
                    return items.Cast<object?>().Select(o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToList();
                default:
                    return new[] { Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty };
            }
        }

        private sealed class Pending
        {
            public Pending(AngoNewAsset asset, string? file, object? target, IReadOnlyList<string>? rowBatches)
            {
                Asset = asset;
                File = file;
                Target = target;
                RowBatches = rowBatches;
            }

            public AngoNewAsset Asset { get; }

            public string? File { get; }

            /// <summary>What an error about this asset names: the file, the URL or the row.</summary>
            public object? Target { get; }

            public IReadOnlyList<string>? RowBatches { get; }
        }

        /// <summary>Files and bytes uploaded so far, at most four updates a second.</summary>
        private sealed class UploadProgress
        {
            private readonly PipelineBridge _bridge;
            private readonly int _files;
            private readonly Stopwatch _since = Stopwatch.StartNew();
            private int _done;
            private long _bytes;
            private bool _shown;

            public UploadProgress(PipelineBridge bridge, int files)
            {
                _bridge = bridge;
                _files = files;
            }

            // Uploads run concurrently (-ThrottleLimit), so the counts are updated under a lock.
            public void Starting(string file, long length)
            {
                lock (_since) Show(System.IO.Path.GetFileName(file) + " (" + length + " bytes)", force: !_shown);
            }

            public void Finished(long length)
            {
                lock (_since)
                {
                    _done++;
                    _bytes += length;
                    Show(null, force: false);
                }
            }

            public void Complete()
            {
                if (_shown)
                {
                    _bridge.WriteProgress(new ProgressRecord(UploadActivityId, "Uploading files to Ango", "Done") { RecordType = ProgressRecordType.Completed });
                }
            }

            private void Show(string? current, bool force)
            {
                if (!force && _since.ElapsedMilliseconds < 250) return;
                _since.Restart();
                _shown = true;
                _bridge.WriteProgress(new ProgressRecord(UploadActivityId, "Uploading files to Ango", _done + " of " + _files + " files, " + _bytes + " bytes uploaded")
                {
                    PercentComplete = _files == 0 ? 0 : _done * 100 / _files,
                    CurrentOperation = current,
                });
            }
        }
    }
}
