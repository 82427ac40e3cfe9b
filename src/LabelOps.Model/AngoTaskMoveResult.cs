namespace LabelOps
{
    /// <summary>What Move-AngoTask reports (PSTypeName LabelOps.AngoTaskMoveResult): how many tasks the service requeued, and where to.</summary>
    public sealed class AngoTaskMoveResult
    {
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>The name of the stage the tasks were sent to, from the project's workflow.</summary>
        public string? ToStage { get; set; }

        /// <summary>The id of the stage the tasks were sent to.</summary>
        public string ToStageId { get; set; } = string.Empty;

        /// <summary>The number of tasks the service says it requeued; null when it did not say.</summary>
        public long? Modified { get; set; }
    }
}
