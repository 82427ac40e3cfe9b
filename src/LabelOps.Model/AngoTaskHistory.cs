using System;
using System.Collections.Generic;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>
    /// One stage-history record of a task (PSTypeName LabelOps.AngoTaskHistory): a snapshot of the task as it
    /// left a stage. Field names follow the stage history of the Ango export format (stage = name,
    /// stageId = id); anything else the service sends is kept in <see cref="Details"/>.
    /// </summary>
    public sealed class AngoTaskHistory
    {
        [WireName("_id")]
        public string? HistoryId { get; set; }

        [WireName("task")]
        public string? TaskId { get; set; }

        [WireName("project")]
        public string? ProjectId { get; set; }

        /// <summary>The name of the stage the task left.</summary>
        [WireName("stage")]
        public string? Stage { get; set; }

        /// <summary>The id of the stage the task left.</summary>
        [WireName("stageId")]
        public string? StageId { get; set; }

        /// <summary>The email of the user who completed the stage (empty for automatic stages).</summary>
        public string? CompletedBy { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>Time spent in the stage, as the number the service reports.</summary>
        public double? Duration { get; set; }

        /// <summary>The annotations as they were when the task left the stage.</summary>
        [Freeform]
        public object? Answer { get; set; }

        /// <summary>Other fields of the record, as the service sent them.</summary>
        [OtherFields]
        public JsonFields? Details { get; set; }

        public override string ToString() => HistoryId ?? string.Empty;
    }
}
