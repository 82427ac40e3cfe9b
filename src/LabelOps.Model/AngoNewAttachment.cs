namespace LabelOps
{
    /// <summary>
    /// One attachment for POST /attachments: the asset it belongs to (external id or asset id), its URL (or, for
    /// TEXT, the text) and its type. JSON names follow the API reference (attachmentUrl, attachmentType).
    /// </summary>
    public sealed class AngoNewAttachment
    {
        public string? ExternalId { get; set; }

        public string? AssetId { get; set; }

        public string AttachmentUrl { get; set; } = string.Empty;

        /// <summary>IMAGE, VIDEO or TEXT.</summary>
        public string AttachmentType { get; set; } = string.Empty;

        public override string ToString() => (AssetId ?? ExternalId) + ": " + AttachmentType;
    }
}
