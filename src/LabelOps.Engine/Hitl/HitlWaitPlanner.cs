using System;

namespace LabelOps.Engine.Hitl
{
    /// <summary>
    /// Chooses, per poll of one project, whether one bulk read or N single reads costs less, from what is known:
    /// how many jobs are still waited for, the size of the project's bulk reply learnt from an earlier poll, and the
    /// session's request budget (-MaxRequestsPerMinute). Wait-HitlJob keeps one planner per project for the wait.
    /// </summary>
    /// <remarks>
    /// Cost is counted in bytes: a request costs <see cref="RequestCostBytes"/> (its round trip and its share of the
    /// rate limit) plus the bytes of its reply. A bulk read of a project of 50,000 finished jobs is about 23 MB, so
    /// waiting on 2 of them costs two small reads; waiting on 500 jobs of a 500-job project costs one bulk read.
    /// </remarks>
    internal sealed class HitlWaitPlanner
    {
        /// <summary>
        /// What a request costs beyond its reply, in bytes: a round trip of 50–100 ms carries about this much on a
        /// 20–40 Mbit/s link, and every request spends rate budget a larger reply does not.
        /// </summary>
        public const long RequestCostBytes = 256 * 1024;

        /// <summary>Single reads of one poll never exceed this many, whatever the sizes (lag and rate budget).</summary>
        public const int MaxSingleReadsPerPoll = 32;

        /// <summary>
        /// Before the project's size is known: up to this many jobs are read one by one (cheap whatever the project
        /// holds); more are read in bulk once, which also tells the size for the next polls.
        /// </summary>
        public const int SingleReadsWhileSizeUnknown = 2;

        /// <summary>A single job's reply when no bulk reply has told its size yet (a status object with a few URLs).</summary>
        public const long DefaultJobBytes = 1024;

        /// <summary>Of the per-poll request allowance, the share single reads may take (the rest is left to other work).</summary>
        public const double ShareOfRateBudget = 0.5;

        /// <summary>
        /// Process-wide: false brings back the rule before issue 13 (a bulk read whenever two or more jobs of a
        /// project are waited for), for the benchmark's before/after rows only.
        /// </summary>
        public static bool UseCostRule { get; set; } = true;

        /// <summary>The last bulk reply's size in bytes; null before any.</summary>
        public long? BulkReplyBytes { get; private set; }

        /// <summary>The jobs the last bulk reply held; null before any.</summary>
        public int? ProjectJobs { get; private set; }

        /// <summary>Bytes of one job's status object, learnt from the last bulk reply.</summary>
        public long JobBytes => ProjectJobs is int jobs && jobs > 0 && BulkReplyBytes.HasValue ? Math.Max(1, BulkReplyBytes.Value / jobs) : DefaultJobBytes;

        /// <summary>Remembers what a bulk read cost (reply bytes) and how many jobs the project held.</summary>
        public void LearnBulkReply(long bytes, int jobs)
        {
            if (bytes < 0) throw new ArgumentOutOfRangeException(nameof(bytes));
            if (jobs < 0) throw new ArgumentOutOfRangeException(nameof(jobs));
            BulkReplyBytes = bytes;
            ProjectJobs = jobs;
        }

        /// <summary>The most single reads one poll may send under the session's request budget.</summary>
        public static int SingleReadsAllowed(int? maxRequestsPerMinute, TimeSpan pollInterval)
        {
            if (!maxRequestsPerMinute.HasValue) return MaxSingleReadsPerPoll;
            var perPoll = maxRequestsPerMinute.Value * pollInterval.TotalMinutes * ShareOfRateBudget;
            return (int)Math.Max(1, Math.Min(MaxSingleReadsPerPoll, Math.Floor(perPoll)));
        }

        /// <summary>How the next poll reads <paramref name="waitingFor"/> jobs of the project.</summary>
        public HitlPollRead Choose(int waitingFor, int? maxRequestsPerMinute, TimeSpan pollInterval)
        {
            if (waitingFor < 1) throw new ArgumentOutOfRangeException(nameof(waitingFor));
            if (waitingFor == 1) return HitlPollRead.SingleReads; // one single read is never dearer than the whole list
            if (!UseCostRule) return HitlPollRead.BulkRead;
            if (waitingFor > SingleReadsAllowed(maxRequestsPerMinute, pollInterval)) return HitlPollRead.BulkRead;
            if (!BulkReplyBytes.HasValue) return waitingFor <= SingleReadsWhileSizeUnknown ? HitlPollRead.SingleReads : HitlPollRead.BulkRead;
            var singles = waitingFor * (RequestCostBytes + JobBytes);
            var bulk = RequestCostBytes + BulkReplyBytes.Value;
            return singles < bulk ? HitlPollRead.SingleReads : HitlPollRead.BulkRead;
        }
    }
}
