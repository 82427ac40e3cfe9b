using System.Management.Automation;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>The assets of a project (streamed, with -First/-Skip), filtered by asset id, external id or batch.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoAsset", SupportsPaging = true)]
    [OutputType(typeof(AngoAsset))]
    public sealed class GetAngoAsset : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>One or more asset ids; each is read with its own request, and an id that matches nothing is a NotFound error.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string[]? AssetId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        /// <summary>Batch names or ids; an asset in any of them is listed.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoBatchNameCompleter))]
        public string[]? Batch { get; set; }

        /// <summary>Sort field; a leading '-' sorts descending. The service's default is -createdAt.</summary>
        [Parameter]
        public string? Sort { get; set; }

        protected override void ProcessRecord()
        {
            if (AssetId == null || AssetId.Length == 0)
            {
                RunForItem(ProjectId, (bridge, token) =>
                    StreamAsync(bridge, "Reading Ango assets of " + ProjectId, (range, onTotal, ct) => List(bridge, null, range, onTotal, ct), token));
                return;
            }
            foreach (var id in AssetId)
            {
                RunForItem(id, async (bridge, token) =>
                {
                    var found = false;
                    await foreach (var asset in List(bridge, id, new PageRange(), null, token).ConfigureAwait(false))
                    {
                        found = true;
                        bridge.WriteObject(asset);
                    }
                    if (!found)
                    {
                        throw new LabelOpsException(ErrorReason.NotFound, "Project " + ProjectId + " has no asset " + id + (ExternalId != null || Batch != null ? " matching the filters" : string.Empty) + ".");
                    }
                });
            }
        }

        private async System.Collections.Generic.IAsyncEnumerable<AngoAsset> List(PipelineBridge bridge, string? assetId, PageRange range, System.Action<long>? onTotal, [System.Runtime.CompilerServices.EnumeratorCancellation] System.Threading.CancellationToken token)
        {
            var client = ClientFor(bridge);
            var batchIds = await new AngoNameResolver(client, ProjectId).BatchIdsAsync(Batch, token).ConfigureAwait(false);
            var filter = new AngoAssetFilter { AssetId = assetId, ExternalId = ExternalId, BatchIds = batchIds };
            await foreach (var asset in client.ListAssetsAsync(ProjectId, filter, range, Sort, onTotal, token).ConfigureAwait(false))
            {
                yield return asset;
            }
        }
    }
}
