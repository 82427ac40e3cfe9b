using System.Collections.Generic;

using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>
    /// One workflow stage (PSTypeName LabelOps.AngoStage): Start, Label, Review, Consensus, Hold, Logic, Plugin,
    /// Webhook or Complete. Type-specific settings the service sends (autoForward, assignedTo, consensusId,
    /// pluginId, logic, …) are kept in <see cref="Settings"/> so a workflow read from one project can be
    /// written to another unchanged.
    /// </summary>
    public sealed class AngoStage
    {
        [WireName("id")]
        public string StageId { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string? Type { get; set; }

        /// <summary>The ids of the stages that follow.</summary>
        public ValueList<string>? Next { get; set; }

        /// <summary>Set by LabelOps: the project the stage was read from.</summary>
        [NotOnWire]
        public string? ProjectId { get; set; }

        [OtherFields]
        public JsonFields? Settings { get; set; }

        public override string ToString() => Name;
    }
}
