using System.Collections.Generic;

namespace LabelOps.Engine.Ango
{
    /// <summary>Which assets of a project to list; every filter is optional.</summary>
    internal sealed class AngoAssetFilter
    {
        public string? AssetId { get; set; }

        public string? ExternalId { get; set; }

        /// <summary>Batch ids (resolve names first with <see cref="AngoNameResolver"/>).</summary>
        public IReadOnlyList<string>? BatchIds { get; set; }
    }
}
