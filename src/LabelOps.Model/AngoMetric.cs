namespace LabelOps
{
    /// <summary>
    /// One figure of a project's overview metric (PSTypeName LabelOps.AngoMetric), the same five columns whatever the
    /// metric, so rows of several metrics stack in one table or CSV: LabelStageGroups gives one row per stage (Name the
    /// stage's name, StageId its id, Value the task count), AnnotationStatus one per status, AnswerDistribution one per
    /// answer title, AssetSize one per size, and a metric that is a single set of figures (TimePerTask) one row per
    /// figure (Name CompletedTasks, TotalDuration, AverageDuration).
    /// </summary>
    public sealed class AngoMetric
    {
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>The metric's name as the SDK's Metrics enum spells it.</summary>
        public string Metric { get; set; } = string.Empty;

        /// <summary>What the figure counts or measures: a stage, a status, a title, a size, or the figure's own name.</summary>
        public string? Name { get; set; }

        /// <summary>The stage's id, for rows of a stage.</summary>
        public string? StageId { get; set; }

        public double? Value { get; set; }

        public override string ToString() => Metric + " " + Name + " = " + Value;
    }
}
