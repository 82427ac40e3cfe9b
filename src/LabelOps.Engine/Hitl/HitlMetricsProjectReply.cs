using System;
using System.Collections.Generic;

namespace LabelOps.Engine.Hitl
{
    internal sealed class HitlMetricsProjectReply
    {
        public string? ProjectId { get; set; }
        public string? ProjectName { get; set; }
        public DateTime? PeriodStartDate { get; set; }
        public DateTime? PeriodEndDate { get; set; }
        public string? PeriodGroupLevel { get; set; }
        public List<HitlMetricsPeriodReply>? Metrics { get; set; }
    }
}
