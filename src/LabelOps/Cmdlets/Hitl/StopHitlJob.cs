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
        [ArgumentCompleter(typeof(LabelOps.Completers.HitlProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        // Also by value, so a list of ids pipes in (Get-Content ids.txt); a piped job still binds by property name.
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("job_id", "Id")]
        [ValidateNotNullOrEmpty]
        public string[] JobId { get; set; } = new string[0];

        /// <summary>Write the canceled job (as the service reports it) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>How many cancellations may be in flight at once. Output keeps the input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        private ThrottledItems? _items;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _items = new ThrottledItems(this, ThrottleLimit, StopToken);
        }

        protected override void EndProcessing() => _items!.Complete();

        protected override void ProcessRecord()
        {
            var projectId = ProjectId;
            foreach (var id in JobId)
            {
                if (!ShouldProcess("Job " + id + " in project " + projectId, "Cancel HITL job"))
                {
                    continue;
                }
                _items!.Add(id, async (bridge, token) =>
                {
                    var job = await ClientFor(bridge).CancelJobAsync(projectId, id, token).ConfigureAwait(false);
                    return PassThru ? job : null;
                });
            }
        }
    }
}
