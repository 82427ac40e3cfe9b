using System;
using System.Diagnostics;
using System.IO;

namespace LabelOps.Ango
{
    /// <summary>
    /// Counts files and bytes uploaded and reports them at most four times a second (the first upload at once), and
    /// a completed report at the end when anything was reported.
    /// </summary>
    internal sealed class AngoUploadMeter
    {
        private readonly Action<AngoImportProgress>? _report;
        private readonly int _files;
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private int _done;
        private long _bytes;
        private bool _shown;

        public AngoUploadMeter(int files, Action<AngoImportProgress>? report)
        {
            _files = files;
            _report = report;
        }

        // Uploads run concurrently (-ThrottleLimit), so the counts are updated under a lock.
        public void Starting(string file, long length)
        {
            lock (_since) Show(Path.GetFileName(file) + " (" + length + " bytes)", force: !_shown);
        }

        public void Finished(long length)
        {
            lock (_since)
            {
                _done++;
                _bytes += length;
                Show(null, force: false);
            }
        }

        public void Complete()
        {
            if (_shown) _report?.Invoke(AngoImportProgress.Done(registering: false));
        }

        private void Show(string? current, bool force)
        {
            if (!force && _since.ElapsedMilliseconds < 250) return;
            _since.Restart();
            _shown = true;
            _report?.Invoke(AngoImportProgress.Uploading(_done, _files, _bytes, current));
        }
    }
}
