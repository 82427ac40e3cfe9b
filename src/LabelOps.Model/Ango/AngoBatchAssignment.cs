using System;

namespace LabelOps
{
    /// <summary>What Add-AngoBatchAsset -PassThru reports for one POST /assignBatches (PSTypeName LabelOps.AngoBatchAssignment).</summary>
    public sealed class AngoBatchAssignment
    {
        public string ProjectId { get; set; } = string.Empty;

        public string[] BatchIds { get; set; } = Array.Empty<string>();

        public string[] AssetIds { get; set; } = Array.Empty<string>();

        public override string ToString() => AssetIds.Length + " asset(s) -> " + string.Join(", ", BatchIds);
    }
}
