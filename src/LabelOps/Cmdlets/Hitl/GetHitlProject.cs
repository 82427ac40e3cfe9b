using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    [Cmdlet(VerbsCommon.Get, "HitlProject")]
    [OutputType(typeof(HitlProject))]
    public sealed class GetHitlProject : HitlCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.HitlProjectIdCompleter))]
        public string[] ProjectId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            foreach (var id in ProjectId)
            {
                RunForItem(id, async (bridge, token) =>
                    bridge.WriteObject(await ClientFor(bridge).GetProjectAsync(id, token).ConfigureAwait(false)));
            }
        }
    }
}
