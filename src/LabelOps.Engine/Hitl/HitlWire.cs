using System;
using System.Collections.Generic;

namespace LabelOps.Hitl
{
    // Shapes of HITL answers that are not output objects themselves. Names map through ServiceJson.Hitl (snake_case).
    internal sealed class HitlHealthReply { public string? Status { get; set; } }

    internal sealed class HitlProjectCreatedReply { public string? Id { get; set; } }

    internal sealed class HitlProjectStatusReply { public string? Status { get; set; } }

    internal sealed class HitlJobCreatedReply { public string? JobId { get; set; } }

    internal sealed class HitlMetricsProjectReply
    {
        public string? ProjectId { get; set; }
        public string? ProjectName { get; set; }
        public DateTime? PeriodStartDate { get; set; }
        public DateTime? PeriodEndDate { get; set; }
        public string? PeriodGroupLevel { get; set; }
        public List<HitlMetricsPeriodReply>? Metrics { get; set; }
    }

    internal sealed class HitlMetricsPeriodReply
    {
        public DateTime? PeriodGroupStart { get; set; }
        public int JobsAll { get; set; }
        public int JobsDone { get; set; }
        public int JobsNew { get; set; }
        public int JobsProgress { get; set; }
        public int JobsError { get; set; }
        public int JobsExpired { get; set; }
        public int JobsCanceled { get; set; }
        public long? MinSecondsToFinishJob { get; set; }
        public long? MinJobLifespanSeconds { get; set; }
        public long? MaxSecondsToFinishJob { get; set; }
        public long? MaxJobLifespanSeconds { get; set; }
        public long? AvgSecondsToFinishJob { get; set; }
        public long? AvgJobLifespanSeconds { get; set; }
    }
}
