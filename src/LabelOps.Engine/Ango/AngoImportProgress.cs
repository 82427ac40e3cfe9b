namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// How far an <see cref="AngoAssetImport"/> is, in one of its two steps: the uploads (files and bytes done, the
    /// file starting) or the registration requests (which request of how many). Each step ends with a completed report.
    /// </summary>
    internal sealed class AngoImportProgress
    {
        private AngoImportProgress(bool registering, string status, int percentComplete, string? current, bool completed)
        {
            Registering = registering;
            Status = status;
            PercentComplete = percentComplete;
            Current = current;
            Completed = completed;
        }

        /// <summary>False for the uploads, true for the registration requests.</summary>
        public bool Registering { get; }

        /// <summary>"2 of 5 files, 2048 bytes uploaded", "Request 1 of 3 (100 assets)", or "Done".</summary>
        public string Status { get; }

        /// <summary>0 to 100, or -1 when the step has completed.</summary>
        public int PercentComplete { get; }

        /// <summary>The file starting now and its size ("a.jpg (1024 bytes)"), or null.</summary>
        public string? Current { get; }

        /// <summary>The step has ended.</summary>
        public bool Completed { get; }

        public static AngoImportProgress Uploading(int done, int files, long bytes, string? current) =>
            new AngoImportProgress(false, done + " of " + files + " files, " + bytes + " bytes uploaded", files == 0 ? 0 : done * 100 / files, current, false);

        public static AngoImportProgress Registered(int request, int requests, int assets) =>
            new AngoImportProgress(true, "Request " + request + " of " + requests + " (" + assets + " assets)", request * 100 / requests, null, false);

        public static AngoImportProgress Done(bool registering) => new AngoImportProgress(registering, "Done", -1, null, true);
    }
}
