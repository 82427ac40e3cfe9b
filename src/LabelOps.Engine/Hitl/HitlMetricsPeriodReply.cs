using System;

namespace LabelOps.Engine.Hitl
{
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
