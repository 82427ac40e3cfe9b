using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Adds assets to a project (Add-AngoAsset): -Batch names are resolved first (an unknown one stops everything
    /// before anything is sent); with <see cref="SkipExisting"/> the external ids the project holds are read and those
    /// items are reported as skipped, 100 a result; each item's row batches are resolved; local files are uploaded
    /// (up to <see cref="ThrottleLimit"/> at once: a signed URL, then the PUT); and what is ready is registered 100
    /// assets a request, up to <see cref="ThrottleLimit"/> requests in flight, each sent once. An item that fails is
    /// one <see cref="AngoAssetImportOutcomeKind.Failed"/> outcome and the rest go on. Outcomes are reported in input
    /// order within each step. A LabelOpsException thrown from <see cref="RunAsync"/> stops the whole import.
    /// </summary>
    internal sealed class AngoAssetImport
    {
        private readonly AngoClient _client;
        private readonly string _projectId;

        public AngoAssetImport(AngoClient client, string projectId)
        {
            _client = client;
            _projectId = projectId;
        }

        /// <summary>Batch names or ids every asset is added to.</summary>
        public IReadOnlyList<string>? Batches { get; set; }

        /// <summary>The storage integration uploads go to.</summary>
        public string? StorageId { get; set; }

        /// <summary>Leave out, and report as skipped, every item whose external id the project already holds.</summary>
        public bool SkipExisting { get; set; }

        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Called with each outcome, one at a time, in the order to write them.</summary>
        public Action<AngoAssetImportOutcome>? Outcome { get; set; }

        /// <summary>
        /// Called as files upload (at most four times a second; possibly from several threads, never at once) and
        /// before each registration request's outcome.
        /// </summary>
        public Action<AngoImportProgress>? Progress { get; set; }

        public Action<string>? Verbose { get; set; }

        public async Task RunAsync(IReadOnlyList<AngoAssetImportItem> items, CancellationToken cancellationToken)
        {
            var resolver = new AngoNameResolver(_client, _projectId);
            var commonBatches = await resolver.BatchIdsAsync(Batches, cancellationToken).ConfigureAwait(false);
            var pending = SkipExisting ? await LeaveOutExistingAsync(items, cancellationToken).ConfigureAwait(false) : items;
            var resolved = await ResolveBatchesAsync(pending, resolver, commonBatches, cancellationToken).ConfigureAwait(false);
            var ready = await UploadAsync(resolved, cancellationToken).ConfigureAwait(false);
            await RegisterAsync(ready, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Before any upload: what the project holds is left out and reported, 100 assets a result as registrations are.</summary>
        private async Task<IReadOnlyList<AngoAssetImportItem>> LeaveOutExistingAsync(IReadOnlyList<AngoAssetImportItem> items, CancellationToken cancellationToken)
        {
            var existing = await _client.ListExternalIdsAsync(_projectId, cancellationToken).ConfigureAwait(false);
            bool Held(AngoAssetImportItem item) => item.Asset.ExternalId != null && existing.Contains(item.Asset.ExternalId);
            var skipped = items.Where(Held).ToList();
            var pending = items.Where(i => !Held(i)).ToList();
            Verbose?.Invoke(skipped.Count + " of " + items.Count + " asset(s) already in project " + _projectId + " (by external id); " + pending.Count + " to add.");
            foreach (var chunk in Chunks(skipped))
            {
                var assets = chunk.Select(i => i.Asset).ToArray();
                Outcome?.Invoke(AngoAssetImportOutcome.Skipped(chunk, new AngoAssetImportResult { ProjectId = _projectId, AssetsSkipped = assets.Length, Assets = assets }));
            }
            return pending;
        }

        /// <summary>Row batch names one item at a time (the resolver caches the project); an item whose batches fail is that item's failure.</summary>
        private async Task<List<AngoAssetImportItem>> ResolveBatchesAsync(IReadOnlyList<AngoAssetImportItem> items, AngoNameResolver resolver, IReadOnlyList<string> commonBatches, CancellationToken cancellationToken)
        {
            var resolved = new List<AngoAssetImportItem>();
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var batches = commonBatches.Concat(await resolver.BatchIdsAsync(item.RowBatches, cancellationToken).ConfigureAwait(false)).Distinct().ToArray();
                    item.Asset.Batches = batches.Length == 0 ? null : batches;
                    resolved.Add(item);
                }
                catch (LabelOpsException failure)
                {
                    Outcome?.Invoke(AngoAssetImportOutcome.Failed(item, failure));
                }
            }
            return resolved;
        }

        /// <summary>Files upload up to <see cref="ThrottleLimit"/> at once; an upload that fails is that item's failure. URLs pass through.</summary>
        private async Task<List<AngoAssetImportItem>> UploadAsync(IReadOnlyList<AngoAssetImportItem> items, CancellationToken cancellationToken)
        {
            var ready = new List<AngoAssetImportItem>();
            var meter = new AngoUploadMeter(items.Count(i => i.File != null), Progress);
            await OrderedWindow.RunAsync(
                items,
                ThrottleLimit,
                async (item, token) =>
                {
                    if (item.File != null) await UploadAsync(item, item.File, meter, token).ConfigureAwait(false);
                    return item;
                },
                (item, call) =>
                {
                    if (call.Exception?.InnerException is LabelOpsException failure)
                    {
                        Outcome?.Invoke(AngoAssetImportOutcome.Failed(item, failure));
                        return;
                    }
                    ready.Add(call.GetAwaiter().GetResult()); // anything else (Ctrl+C) ends the import
                },
                cancellationToken).ConfigureAwait(false);
            meter.Complete();
            return ready;
        }

        private async Task UploadAsync(AngoAssetImportItem item, string file, AngoUploadMeter meter, CancellationToken cancellationToken)
        {
            var length = AngoUploadFiles.CheckReadable(file);
            meter.Starting(file, length);
            var signed = await _client.GetUploadUrlAsync(_projectId, System.IO.Path.GetFileName(file), StorageId, cancellationToken).ConfigureAwait(false);
            await _client.UploadToSignedUrlAsync(signed, () => AngoUploadFiles.Content(file), cancellationToken).ConfigureAwait(false);
            item.Asset.Data = AngoClient.AssetUrlOf(signed);
            meter.Finished(length);
        }

        /// <summary>
        /// Each registration request is sent once (the session never re-sends a create after an ambiguous failure); up
        /// to <see cref="ThrottleLimit"/> are in flight, and their outcomes are reported in input order.
        /// </summary>
        private async Task RegisterAsync(IReadOnlyList<AngoAssetImportItem> items, CancellationToken cancellationToken)
        {
            var chunks = Chunks(items).ToList();
            var request = 0;
            await OrderedWindow.RunAsync(
                chunks,
                ThrottleLimit,
                (chunk, token) => _client.RegisterAssetsAsync(_projectId, chunk.Select(i => i.Asset).ToList(), token),
                (chunk, call) =>
                {
                    request++;
                    Progress?.Invoke(AngoImportProgress.Registered(request, chunks.Count, chunk.Count));
                    Outcome?.Invoke(call.Exception?.InnerException is LabelOpsException failure
                        ? AngoAssetImportOutcome.NotRegistered(chunk, failure)
                        : AngoAssetImportOutcome.Registered(chunk, call.GetAwaiter().GetResult()));
                },
                cancellationToken).ConfigureAwait(false);
            if (chunks.Count > 0) Progress?.Invoke(AngoImportProgress.Done(registering: true));
        }

        private static IEnumerable<IReadOnlyList<AngoAssetImportItem>> Chunks(IReadOnlyList<AngoAssetImportItem> items)
        {
            for (var start = 0; start < items.Count; start += AngoClient.AssetsPerRegistration)
            {
                yield return items.Skip(start).Take(AngoClient.AssetsPerRegistration).ToList();
            }
        }
    }
}
