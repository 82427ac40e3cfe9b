using System.Linq;
using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>A project's batches (read from GET /project/{id}), optionally only those whose name matches.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoBatch")]
    [OutputType(typeof(AngoBatch))]
    public sealed class GetAngoBatch : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>Batch names to keep; wildcards allowed, case-insensitive.</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoBatchNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            RunForItem(ProjectId, async (bridge, token) =>
            {
                foreach (var batch in await ClientFor(bridge).GetBatchesAsync(ProjectId, token).ConfigureAwait(false))
                {
                    if (patterns == null || patterns.Any(p => p.IsMatch(batch.Name))) bridge.WriteObject(batch);
                }
            });
        }
    }
}
