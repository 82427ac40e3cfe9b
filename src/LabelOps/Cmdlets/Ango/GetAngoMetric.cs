using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Reads one of a project's overview metrics (GET /{projectId}/overview/{metric}) as AngoMetric rows with the same
    /// columns for every metric: one per element of the metric's list (per stage, per status, …), or one per figure of
    /// a metric that is a single set of figures.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AngoMetric")]
    [OutputType(typeof(AngoMetric))]
    public sealed class GetAngoMetric : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string[] ProjectId { get; set; } = new string[0];

        /// <summary>The SDK's Metrics enum.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("LabelStageGroups", "TimePerTask", "AnnotationStatus", "AnswerDistribution", "ConsensusRanges", "AssetSize", IgnoreCase = true)]
        public string Metric { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            foreach (var id in ProjectId)
            {
                RunForItem(id, async (bridge, token) =>
                {
                    foreach (var row in await ClientFor(bridge).GetOverviewMetricAsync(id, Metric, token).ConfigureAwait(false))
                    {
                        bridge.WriteObject(row);
                    }
                });
            }
        }
    }
}
