namespace LabelOps
{
    /// <summary>One user's figures in a project (PSTypeName LabelOps.AngoProjectPerformance), from POST /performance/{projectId}.</summary>
    public sealed class AngoProjectPerformance
    {
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>The user's email.</summary>
        public string? Email { get; set; }

        public long? AssignedTasks { get; set; }

        public long? CompletedTasks { get; set; }

        /// <summary>The time spent on the user's completed tasks, in the unit the service reports (see docs/assumptions/ango-tasks.md).</summary>
        public double? TotalDuration { get; set; }

        public double? AverageDuration { get; set; }

        public override string ToString() => Email ?? ProjectId;
    }
}
