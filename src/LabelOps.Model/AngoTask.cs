using System;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>
    /// One labeling task (PSTypeName LabelOps.AngoTask): the work on one asset as it moves through the workflow.
    /// </summary>
    public sealed class AngoTask
    {
        [WireName("_id")]
        [WireRequired]
        public string TaskId { get; set; } = string.Empty;

        [WireName("project")]
        public string? ProjectId { get; set; }

        [WireName("asset")]
        public string? AssetId { get; set; }

        public string? ExternalId { get; set; }

        /// <summary>
        /// The name of the stage the task waits in. Set by LabelOps from the project's workflow whenever the command
        /// read the project anyway (every listing; reads by id with -ProjectId); the service sends only the id.
        /// </summary>
        [NotOnWire]
        public string? Stage { get; set; }

        /// <summary>The id of the stage the task waits in (the service's "stage").</summary>
        [WireName("stage")]
        public string? StageId { get; set; }

        /// <summary>TODO or Completed.</summary>
        public string? Status { get; set; }

        /// <summary>The email of the user the task is assigned to, if any.</summary>
        public string? Assignee { get; set; }

        /// <summary>Batch ids.</summary>
        public ValueList<string>? Batches { get; set; }

        public long? Priority { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        /// <summary>Time spent on the task, as the number the service reports (see docs/assumptions/ango-tasks.md for the unit).</summary>
        public double? Duration { get; set; }

        /// <summary>The annotations (objects, classifications, relations), navigable with dot notation; only read with -IncludeAnswer.</summary>
        [Freeform]
        public object? Answer { get; set; }

        public override string ToString() => TaskId;
    }
}
