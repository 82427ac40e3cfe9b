namespace LabelOps
{
    /// <summary>What Move-AngoTask reports (PSTypeName LabelOps.AngoTaskMoveResult): how many tasks the service requeued, and where to.</summary>
    public sealed class AngoTaskMoveResult
    {
        public string ProjectId { get; set; } = string.Empty;

        public string ToStage { get; set; } = string.Empty;

        /// <summary>Set by LabelOps from the project's workflow.</summary>
        public string? ToStageName { get; set; }

        /// <summary>The number of tasks the service says it requeued; null when it did not say.</summary>
        public long? Modified { get; set; }
    }
}
