using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>Job counts and timings, one flat row per project per period, ready for Export-Csv.</summary>
    [Cmdlet(VerbsCommon.Get, "HitlMetric")]
    [OutputType(typeof(HitlMetric))]
    public sealed class GetHitlMetric : HitlCmdlet
    {
        /// <summary>Only jobs started on or after this date.</summary>
        [Parameter]
        public DateTime? StartDate { get; set; }

        /// <summary>Only jobs started strictly before this date.</summary>
        [Parameter]
        public DateTime? EndDate { get; set; }

        [Parameter]
        [ValidateSet("Day", "Week", "Month", "Year", IgnoreCase = true)]
        public string? GroupBy { get; set; }

        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ArgumentCompleter(typeof(LabelOps.Completers.HitlProjectIdCompleter))]
        public string[]? ProjectId { get; set; }

        private readonly List<string> _projectIds = new List<string>();

        protected override void ProcessRecord()
        {
            if (ProjectId != null) _projectIds.AddRange(ProjectId.Where(id => !_projectIds.Contains(id)));
        }

        protected override void EndProcessing()
        {
            RunForItem(_projectIds.Count == 0 ? null : string.Join(",", _projectIds), async (bridge, token) =>
            {
                foreach (var row in await ClientFor(bridge).GetMetricsAsync(StartDate, EndDate, GroupBy, _projectIds, token).ConfigureAwait(false))
                {
                    bridge.WriteObject(row);
                }
            });
        }
    }
}
