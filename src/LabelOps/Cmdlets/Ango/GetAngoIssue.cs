using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Issues raised on tasks, streamed page by page (the service reports no total; paging stops at a short page).</summary>
    [Cmdlet(VerbsCommon.Get, "AngoIssue", SupportsPaging = true)]
    [OutputType(typeof(AngoIssue))]
    public sealed class GetAngoIssue : AngoCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string? ProjectId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? TaskId { get; set; }

        [Parameter]
        [ValidateSet("Open", "Resolved", "Closed")]
        public string? Status { get; set; }

        /// <summary>E-mail of the user the issue is assigned to.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Assignee { get; set; }

        /// <summary>E-mail of the user who raised the issue.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CreatedBy { get; set; }

        protected override void ProcessRecord()
        {
            var filter = new AngoIssueFilter { ProjectId = ProjectId, TaskId = TaskId, Status = Status, Assignee = Assignee, CreatedBy = CreatedBy };
            RunForItem(ProjectId ?? TaskId, (bridge, token) =>
                StreamAsync(bridge, "Reading Ango issues", (range, onTotal, ct) => ClientFor(bridge).ListIssuesAsync(filter, range, ct), token));
        }
    }
}
