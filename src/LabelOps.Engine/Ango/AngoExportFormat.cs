namespace LabelOps.Engine.Ango
{
    /// <summary>The two layouts of an exportV3 archive's entry.</summary>
    internal enum AngoExportFormat
    {
        /// <summary>One JSON array of task records.</summary>
        Json,

        /// <summary>Newline-delimited JSON: one task record per line.</summary>
        Ndjson,
    }
}
