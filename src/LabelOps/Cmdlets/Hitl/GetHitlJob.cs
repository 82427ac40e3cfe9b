using System;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>One job per -JobId, or every job of the project in one bulk call; -Status filters either.</summary>
    [Cmdlet(VerbsCommon.Get, "HitlJob")]
    [OutputType(typeof(HitlJob))]
    public sealed class GetHitlJob : HitlCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.HitlProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("job_id", "Id")]
        [ValidateNotNullOrEmpty]
        public string[]? JobId { get; set; }

        [Parameter]
        [ValidateSet("new", "progress", "done", "error", "canceled", "expired", IgnoreCase = true)]
        public string[]? Status { get; set; }

        protected override void ProcessRecord()
        {
            if (JobId == null || JobId.Length == 0)
            {
                RunForItem(ProjectId, async (bridge, token) =>
                {
                    foreach (var job in await ClientFor(bridge).GetJobsAsync(ProjectId, token).ConfigureAwait(false))
                    {
                        if (Wanted(job)) bridge.WriteObject(job);
                    }
                });
                return;
            }
            foreach (var id in JobId)
            {
                RunForItem(id, async (bridge, token) =>
                {
                    var job = await ClientFor(bridge).GetJobAsync(ProjectId, id, token).ConfigureAwait(false);
                    if (Wanted(job)) bridge.WriteObject(job);
                });
            }
        }

        private bool Wanted(HitlJob job) =>
            Status == null || Status.Length == 0 || Status.Contains(job.Status, StringComparer.OrdinalIgnoreCase);
    }
}
