using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>Cancels jobs that are new or in progress. A finished job is a non-terminating error naming its status.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "HitlJob", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(HitlJob))]
    public sealed class StopHitlJob : HitlCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ValidateNotNullOrEmpty]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("job_id")]
        [ValidateNotNullOrEmpty]
        public string[] JobId { get; set; } = new string[0];

        /// <summary>Write the canceled job (as the service reports it) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var id in JobId)
            {
                if (!ShouldProcess("Job " + id + " in project " + ProjectId, "Cancel HITL job"))
                {
                    continue;
                }
                RunForItem(id, async (bridge, token) =>
                {
                    var job = await ClientFor(bridge).CancelJobAsync(ProjectId, id, token).ConfigureAwait(false);
                    if (PassThru) bridge.WriteObject(job);
                });
            }
        }
    }
}
