using System;

namespace LabelOps
{
    /// <summary>
    /// One project's job counts and timings for one period (PSTypeName LabelOps.HitlMetric). The service nests
    /// periods inside projects; this is flattened to one row per project per period so Export-Csv works.
    /// </summary>
    public sealed class HitlMetric
    {
        public string ProjectId { get; set; } = string.Empty;
        public string? ProjectName { get; set; }
        public string? GroupBy { get; set; }
        public DateTimeOffset? PeriodStart { get; set; }
        public DateTimeOffset? ReportStartDate { get; set; }
        public DateTimeOffset? ReportEndDate { get; set; }
        public int JobsAll { get; set; }
        public int JobsDone { get; set; }
        public int JobsNew { get; set; }
        public int JobsProgress { get; set; }
        public int JobsError { get; set; }
        public int JobsExpired { get; set; }
        public int JobsCanceled { get; set; }
        public long? MinSecondsToFinishJob { get; set; }
        public long? MaxSecondsToFinishJob { get; set; }
        public long? AvgSecondsToFinishJob { get; set; }
        public long? MinJobLifespanSeconds { get; set; }
        public long? MaxJobLifespanSeconds { get; set; }
        public long? AvgJobLifespanSeconds { get; set; }
    }
}
