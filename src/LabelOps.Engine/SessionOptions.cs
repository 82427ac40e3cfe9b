using System;

namespace LabelOps.Engine
{
    /// <summary>How patiently a session talks to its service. Defaults suit scheduled automation.</summary>
    internal sealed class SessionOptions
    {
        /// <summary>Retries after the first attempt (0 turns retrying off).</summary>
        public int MaximumRetryCount { get; set; } = 5;

        /// <summary>First backoff delay; later ones grow exponentially, with jitter.</summary>
        public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>Longest single backoff delay, and the longest Retry-After honoured.</summary>
        public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Time allowed for one attempt (connect, send, read the answer).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>Time allowed for a whole call including every retry and backoff.</summary>
        public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>Client-side ceiling on requests per minute for the whole session (all runspaces); null for none.</summary>
        public int? MaxRequestsPerMinute { get; set; }

        /// <summary>
        /// How many page requests of a listing may be unanswered at once (8): enough to hide a round trip of a few
        /// hundred milliseconds behind parsing and the pipeline, while memory stays at twice that many pages
        /// whatever the length.
        /// </summary>
        public int PagesInFlight { get; set; } = 8;

        internal void Validate()
        {
            if (MaxRequestsPerMinute.HasValue && (MaxRequestsPerMinute.Value < 1 || MaxRequestsPerMinute.Value > 100000))
            {
                throw LabelOpsException.InvalidArgument("MaxRequestsPerMinute must be between 1 and 100000.");
            }
            if (MaximumRetryCount < 0 || MaximumRetryCount > 100)
            {
                throw LabelOpsException.InvalidArgument("MaximumRetryCount must be between 0 and 100.");
            }
            if (RetryInterval < TimeSpan.Zero || MaximumRetryDelay < TimeSpan.Zero)
            {
                throw LabelOpsException.InvalidArgument("Retry delays cannot be negative.");
            }
            if (PagesInFlight < 1 || PagesInFlight > 64)
            {
                throw LabelOpsException.InvalidArgument("PagesInFlight must be between 1 and 64.");
            }
            if (Timeout <= TimeSpan.Zero || TotalTimeout <= TimeSpan.Zero)
            {
                throw LabelOpsException.InvalidArgument("Timeouts must be positive.");
            }
        }

        public SessionOptions Clone() => (SessionOptions)MemberwiseClone();

        /// <summary>One line for tables and Export-Csv (the options are an object, so a cell would hold the type name).</summary>
        public override string ToString() =>
            "retries " + MaximumRetryCount + ", interval " + RetryInterval + ", timeout " + Timeout
            + (MaxRequestsPerMinute.HasValue ? ", " + MaxRequestsPerMinute.Value + " requests/min" : string.Empty);
    }
}
