using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using LabelOps.Json;

namespace LabelOps
{
    /// <summary>
    /// One stage-history record of a task (PSTypeName LabelOps.AngoTaskHistory): a snapshot of the task as it
    /// left a stage. Field names follow the stage history of the Ango export format (stage = name,
    /// stageId = id); anything else the service sends is kept in <see cref="Details"/>.
    /// </summary>
    public sealed class AngoTaskHistory
    {
        [JsonPropertyName("_id")]
        public string? HistoryId { get; set; }

        [JsonPropertyName("task")]
        public string? TaskId { get; set; }

        [JsonPropertyName("project")]
        public string? ProjectId { get; set; }

        /// <summary>The id of the stage the task left.</summary>
        [JsonPropertyName("stageId")]
        public string? Stage { get; set; }

        /// <summary>The name of the stage the task left.</summary>
        [JsonPropertyName("stage")]
        public string? StageName { get; set; }

        /// <summary>The email of the user who completed the stage (empty for automatic stages).</summary>
        public string? CompletedBy { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>Time spent in the stage, as the number the service reports.</summary>
        public double? Duration { get; set; }

        /// <summary>The annotations as they were when the task left the stage.</summary>
        [JsonConverter(typeof(FreeformJsonConverter))]
        public object? Answer { get; set; }

        /// <summary>Other fields of the record, as the service sent them.</summary>
        [JsonExtensionData]
        public JsonFields? Details { get; set; }

        public override string ToString() => HistoryId ?? string.Empty;
    }
}
