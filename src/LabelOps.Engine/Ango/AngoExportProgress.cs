using System;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// How far an <see cref="AngoExportDownload"/> is: the archive's bytes downloaded, then (when records are read) how
    /// many records have been read, and a completed report at the end.
    /// </summary>
    internal sealed class AngoExportProgress
    {
        private AngoExportProgress(string status, int percentComplete, bool completed)
        {
            Status = status;
            PercentComplete = percentComplete;
            Completed = completed;
        }

        /// <summary>"80 KB of 300 KB downloaded", "80 KB downloaded" (no announced length), "1200 records read", or "Done".</summary>
        public string Status { get; }

        /// <summary>0 to 100 while downloading an archive of known length, else -1.</summary>
        public int PercentComplete { get; }

        /// <summary>The export has ended.</summary>
        public bool Completed { get; }

        public static AngoExportProgress Downloaded(long written, long? length) => new AngoExportProgress(
            length.HasValue ? (written / 1024) + " KB of " + (length.Value / 1024) + " KB downloaded" : (written / 1024) + " KB downloaded",
            length.HasValue && length.Value > 0 ? (int)Math.Min(100, written * 100 / length.Value) : -1,
            false);

        public static AngoExportProgress Read(long records) => new AngoExportProgress(records + " records read", -1, false);

        public static AngoExportProgress Done { get; } = new AngoExportProgress("Done", -1, true);
    }
}
