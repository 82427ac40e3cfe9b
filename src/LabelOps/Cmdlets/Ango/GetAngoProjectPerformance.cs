using System;
using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Reads a project's labeler performance (POST /performance/{projectId}): one AngoProjectPerformance per user.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AngoProjectPerformance")]
    [OutputType(typeof(AngoProjectPerformance))]
    public sealed class GetAngoProjectPerformance : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string[] ProjectId { get; set; } = new string[0];

        [Parameter]
        public DateTime? StartDate { get; set; }

        [Parameter]
        public DateTime? EndDate { get; set; }

        /// <summary>Only these users (emails).</summary>
        [Parameter]
        [Alias("Email")]
        public string[]? User { get; set; }

        protected override void ProcessRecord()
        {
            var start = StartDate.HasValue ? new DateTimeOffset(StartDate.Value) : (DateTimeOffset?)null;
            var end = EndDate.HasValue ? new DateTimeOffset(EndDate.Value) : (DateTimeOffset?)null;
            foreach (var id in ProjectId)
            {
                RunForItem(id, async (bridge, token) =>
                {
                    foreach (var row in await ClientFor(bridge).GetProjectPerformanceAsync(id, start, end, User, token).ConfigureAwait(false))
                    {
                        bridge.WriteObject(row);
                    }
                });
            }
        }
    }
}
