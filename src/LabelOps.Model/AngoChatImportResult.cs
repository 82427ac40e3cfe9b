namespace LabelOps
{
    /// <summary>
    /// What one chat upload (POST /project/{id}/chat) did (PSTypeName LabelOps.AngoChatImportResult). The
    /// reference does not show the answer's fields; the counts are read when the service reports them under
    /// data.assets, and the whole answer is kept in <see cref="Result"/>.
    /// </summary>
    public sealed class AngoChatImportResult
    {
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>The file sent, or "conversations" when the conversations were sent inline.</summary>
        public string Source { get; set; } = string.Empty;

        public long? AssetsCreated { get; set; }

        public long? TasksCreated { get; set; }

        /// <summary>The service's data object, navigable with dot notation.</summary>
        public object? Result { get; set; }

        public override string ToString() => Source + " -> " + ProjectId;
    }
}
