namespace LabelOps
{
    /// <summary>The service's answer to one chunk of Import-AngoLabel (PSTypeName LabelOps.AngoLabelImportResult).</summary>
    public sealed class AngoLabelImportResult
    {
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>1-based number of the chunk within this command.</summary>
        public int Chunk { get; set; }

        /// <summary>How many label records the chunk sent.</summary>
        public int Sent { get; set; }

        /// <summary>The service's summary, e.g. "98 / 100 tasks are labeled."</summary>
        public string? Message { get; set; }
    }
}
