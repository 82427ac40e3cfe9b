using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>
    /// One asset to register with POST /project/{id}/cloud, in the service's shape (camelCase JSON). LabelOps
    /// fills it from a local file it uploaded, a cloud URL, or a row such as Import-Csv writes.
    /// </summary>
    public sealed class AngoNewAsset
    {
        /// <summary>The asset's URL (required).</summary>
        public string Data { get; set; } = string.Empty;

        public string? ExternalId { get; set; }

        /// <summary>Batch ids.</summary>
        public string[]? Batches { get; set; }

        [Freeform]
        public object? Metadata { get; set; }

        [Freeform]
        public object? ContextData { get; set; }

        /// <summary>Attachments imported with the asset (type and value per item), passed through as given.</summary>
        [Freeform]
        public object? Attachments { get; set; }

        /// <summary>Storage integration id, for URLs in a private bucket.</summary>
        public string? Storage { get; set; }

        /// <summary>Set by LabelOps: the local file the asset was uploaded from (never sent).</summary>
        [NotOnWire]
        public string? SourcePath { get; set; }

        public override string ToString() => ExternalId ?? Data;
    }
}
