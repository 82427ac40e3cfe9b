using System;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>An asset of a project: the file (or URL) a labeling task is made for (PSTypeName LabelOps.AngoAsset).</summary>
    public sealed class AngoAsset
    {
        [WireName("_id")]
        public string AssetId { get; set; } = string.Empty;

        [WireName("project")]
        public string? ProjectId { get; set; }

        public string? ExternalId { get; set; }

        /// <summary>The asset's URL.</summary>
        public string? Data { get; set; }

        /// <summary>Batch ids.</summary>
        public ValueList<string>? Batches { get; set; }

        /// <summary>Size and other properties (width, height, …), navigable with dot notation.</summary>
        [Freeform]
        public object? Metadata { get; set; }

        /// <summary>Extra data shown to labelers, as imported; navigable with dot notation.</summary>
        [Freeform]
        public object? ContextData { get; set; }

        /// <summary>The id of the storage integration the asset is read from, if any.</summary>
        public string? Storage { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public override string ToString() => AssetId;
    }
}
