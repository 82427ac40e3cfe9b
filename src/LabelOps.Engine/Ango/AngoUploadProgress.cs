namespace LabelOps.Ango
{
    /// <summary>How far the uploads of an <see cref="AngoAssetImport"/> are: files and bytes done, and the file starting.</summary>
    internal sealed class AngoUploadProgress
    {
        public AngoUploadProgress(int done, int files, long bytes, string? current, bool completed)
        {
            Done = done;
            Files = files;
            Bytes = bytes;
            Current = current;
            Completed = completed;
        }

        public int Done { get; }

        public int Files { get; }

        public long Bytes { get; }

        /// <summary>The file starting now and its size ("a.jpg (1024 bytes)"), or null.</summary>
        public string? Current { get; }

        /// <summary>The last report: every upload has ended.</summary>
        public bool Completed { get; }

        public int PercentComplete => Files == 0 ? 0 : Done * 100 / Files;

        public string Status => Done + " of " + Files + " files, " + Bytes + " bytes uploaded";
    }
}
