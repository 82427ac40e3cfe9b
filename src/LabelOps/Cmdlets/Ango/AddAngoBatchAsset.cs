using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Adds assets to batches (POST /assignBatches). Asset ids from the pipeline (Get-AngoAsset, Get-AngoTask)
    /// are collected and sent with one request per project when the pipeline ends; batch names resolve to ids.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AngoBatchAsset", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoBatchAssignment))]
    public sealed class AddAngoBatchAsset : AngoCmdlet
    {
        // Insertion order kept, so requests and -PassThru list projects and assets as they came.
        private readonly List<KeyValuePair<string, List<string>>> _assets = new List<KeyValuePair<string, List<string>>>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>Batch names or ids of the project.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoBatchNameCompleter))]
        public string[] Batch { get; set; } = new string[0];

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string[] AssetId { get; set; } = new string[0];

        /// <summary>Writes one LabelOps.AngoBatchAssignment per request sent.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var entry = _assets.FirstOrDefault(p => p.Key == ProjectId);
            if (entry.Value == null)
            {
                entry = new KeyValuePair<string, List<string>>(ProjectId, new List<string>());
                _assets.Add(entry);
            }
            foreach (var id in AssetId)
            {
                if (!entry.Value.Contains(id)) entry.Value.Add(id);
            }
        }

        protected override void EndProcessing()
        {
            foreach (var pair in _assets)
            {
                var projectId = pair.Key;
                var assetIds = pair.Value;
                if (assetIds.Count == 0) continue;
                if (!ShouldProcess(assetIds.Count + " asset(s) of project " + projectId, "Add to batch(es) " + string.Join(", ", Batch))) continue;
                RunForItem(assetIds.ToArray(), async (bridge, token) =>
                {
                    var client = ClientFor(bridge);
                    var batchIds = await new AngoNameResolver(client, projectId).BatchIdsAsync(Batch, token).ConfigureAwait(false);
                    await client.AssignBatchesAsync(assetIds, batchIds, token).ConfigureAwait(false);
                    if (PassThru)
                    {
                        bridge.WriteObject(new AngoBatchAssignment { ProjectId = projectId, BatchIds = batchIds.ToArray(), AssetIds = assetIds.ToArray() });
                    }
                });
            }
        }
    }
}
