using System;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>An Ango Hub project (PSTypeName LabelOps.AngoProject). The list call returns the first five properties only.</summary>
    public sealed class AngoProject
    {
        [WireName("_id")]
        [WireRequired]
        public string ProjectId { get; set; } = string.Empty;

        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? Organization { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>ango, pct or iframe.</summary>
        public string? Type { get; set; }

        public string? Owner { get; set; }

        public long? AssetCount { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>The ontology (tools, classifications, relations), navigable with dot notation.</summary>
        [Freeform]
        public object? CategorySchema { get; set; }

        /// <summary>The workflow, in the order the service sends it.</summary>
        public ValueList<AngoStage>? Stages { get; set; }

        public ValueList<AngoBatch>? Batches { get; set; }

        /// <summary>Project members: assignee (email) and role.</summary>
        [Freeform]
        public object? AssignedTo { get; set; }

        public override string ToString() => ProjectId;
    }
}
