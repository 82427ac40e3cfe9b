namespace LabelOps
{
    /// <summary>What one POST /attachments request did (PSTypeName LabelOps.AngoAttachmentImportResult).</summary>
    public sealed class AngoAttachmentImportResult
    {
        public string ProjectId { get; set; } = string.Empty;

        public long AttachmentsImported { get; set; }

        public long AssetsUpdated { get; set; }

        /// <summary>How many attachments were sent.</summary>
        public int AttachmentsSent { get; set; }

        public override string ToString() => AttachmentsImported + " attachment(s) imported in " + ProjectId;
    }
}
