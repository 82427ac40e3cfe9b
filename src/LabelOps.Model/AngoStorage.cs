using System;

using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>A cloud storage integration of the organisation (PSTypeName LabelOps.AngoStorage). The service never returns its credentials.</summary>
    public sealed class AngoStorage
    {
        [WireName("_id")]
        public string StorageId { get; set; } = string.Empty;

        public string? Name { get; set; }

        /// <summary>aws, gcs or azure.</summary>
        public string? Type { get; set; }

        public string? Bucket { get; set; }

        public string? Region { get; set; }

        public string? Organization { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public override string ToString() => Name ?? StorageId;
    }
}
