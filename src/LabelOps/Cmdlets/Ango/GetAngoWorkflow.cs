using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Reads a project's workflow: one AngoStage per stage, in the service's order, each with its ProjectId.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoWorkflow")]
    [OutputType(typeof(AngoStage))]
    public sealed class GetAngoWorkflow : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string[] ProjectId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            foreach (var id in ProjectId)
            {
                RunForItem(id, async (bridge, token) =>
                {
                    foreach (var stage in await ClientFor(bridge).GetWorkflowAsync(id, token).ConfigureAwait(false))
                    {
                        bridge.WriteObject(stage);
                    }
                });
            }
        }
    }
}
