using System;

namespace LabelOps.Engine
{
    /// <summary>
    /// The one rule for how often a progress bar is redrawn: the first report at once (the bar appears as soon as
    /// there is something to show), then at most one every <see cref="Interval"/>, and the completed record only for
    /// a bar that was shown. Writing a progress record costs a trip to the pipeline thread and a host redraw, so an
    /// operation that reports per item or per chunk asks <see cref="Due"/> first.
    /// </summary>
    /// <remarks>Not thread-safe: an operation that reports from several threads holds its own lock around it.</remarks>
    internal sealed class ProgressThrottle
    {
        /// <summary>Four redraws a second: enough to look live, few enough to cost nothing.</summary>
        public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly TimeProvider _time;
        private long? _lastReport;

        public ProgressThrottle()
            : this(TimeProvider.System)
        {
        }

        /// <summary>With another clock (a test's), read through <see cref="TimeProvider.GetTimestamp"/>.</summary>
        public ProgressThrottle(TimeProvider time) => _time = time;

        /// <summary>Something was reported, so the bar is on screen and a completed record must close it.</summary>
        public bool Shown => _lastReport.HasValue;

        /// <summary>
        /// Whether to report now: true for the first call and then once <see cref="Interval"/> has passed since the
        /// last true. A true counts as a report, so the caller must then write one.
        /// </summary>
        public bool Due()
        {
            var now = _time.GetTimestamp();
            if (_lastReport.HasValue && _time.GetElapsedTime(_lastReport.Value, now) < Interval)
            {
                return false;
            }
            _lastReport = now;
            return true;
        }
    }
}
