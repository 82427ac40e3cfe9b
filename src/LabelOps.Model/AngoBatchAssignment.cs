using System;

namespace LabelOps
{
    /// <summary>What Add-AngoBatchAsset -PassThru reports for one POST /assignBatches (PSTypeName LabelOps.AngoBatchAssignment).</summary>
    public sealed class AngoBatchAssignment
    {
        public string ProjectId { get; set; } = string.Empty;

        public ValueList<string> BatchIds { get; set; } = new ValueList<string>();

        public ValueList<string> AssetIds { get; set; } = new ValueList<string>();

        public override string ToString() => AssetIds.Count + " asset(s) -> " + string.Join(", ", BatchIds);
    }
}
