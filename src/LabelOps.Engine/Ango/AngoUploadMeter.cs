using System;
using System.IO;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Counts files and bytes uploaded and reports them as <see cref="ProgressThrottle"/> allows (the first upload at
    /// once, then at most four times a second), and a completed report at the end when anything was reported.
    /// </summary>
    internal sealed class AngoUploadMeter
    {
        private readonly Action<AngoImportProgress>? _report;
        private readonly int _files;
        private readonly ProgressThrottle _throttle = new ProgressThrottle();
        private int _done;
        private long _bytes;

        public AngoUploadMeter(int files, Action<AngoImportProgress>? report)
        {
            _files = files;
            _report = report;
        }

        // Uploads run concurrently (-ThrottleLimit), so the counts are updated under a lock.
        public void Starting(string file, long length)
        {
            lock (_throttle) Show(Path.GetFileName(file) + " (" + length + " bytes)");
        }

        public void Finished(long length)
        {
            lock (_throttle)
            {
                _done++;
                _bytes += length;
                Show(null);
            }
        }

        public void Complete()
        {
            if (_throttle.Shown) _report?.Invoke(AngoImportProgress.Done(registering: false));
        }

        private void Show(string? current)
        {
            if (!_throttle.Due()) return;
            _report?.Invoke(AngoImportProgress.Uploading(_done, _files, _bytes, current));
        }
    }
}
