
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>A batch of a project (PSTypeName LabelOps.AngoBatch).</summary>
    public sealed class AngoBatch
    {
        [WireName("_id")]
        public string? BatchId { get; set; }

        public string Name { get; set; } = string.Empty;

        public string? Description { get; set; }

        public string? Color { get; set; }

        /// <summary>Set by LabelOps: the project the batch belongs to.</summary>
        public string? ProjectId { get; set; }

        public override string ToString() => Name;
    }
}
