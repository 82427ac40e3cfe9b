using System;
using System.Collections.Generic;
using System.Linq;

namespace LabelOps.Engine.Hitl.Ledger
{
    /// <summary>
    /// Settles the rows of one project whose create is in doubt (an intent line with no done after it), from the
    /// project's job list read before this run sends anything to the project. What it relies on is in
    /// docs/assumptions.md ("Restartable bulk creates"): a job status carries no file URLs, only <c>create_date</c>
    /// and the <c>image</c> URL, whose last segment is the name of the job's first submitted file.
    /// <list type="bullet">
    /// <item>A job can be a row's only if no done line claims it and it was created no earlier than the row's first
    /// intent less <see cref="ClockTolerance"/> (the service's clock and this machine's may differ).</item>
    /// <item>Exactly one such job whose image names the row's first file, wanted by no other row in doubt: the
    /// row's job (adopted).</item>
    /// <item>No such job at all, and none that no row in doubt can account for: the create never landed (sent again).</item>
    /// <item>Anything else (two candidates, a candidate two rows want, an unclaimed job the rows cannot account for):
    /// it cannot be told, and the row is reported, never re-sent.</item>
    /// </list>
    /// </summary>
    internal static class HitlLedgerReconciler
    {
        public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(10);

        public static IReadOnlyDictionary<string, HitlLedgerDecision> Decide(
            IReadOnlyList<HitlLedgerEntry> inDoubt,
            IReadOnlyList<HitlJob> projectJobs,
            Func<string, bool> isClaimed)
        {
            var decisions = new Dictionary<string, HitlLedgerDecision>(StringComparer.Ordinal);
            if (inDoubt.Count == 0) return decisions;
            var unclaimed = projectJobs.Where(j => !string.IsNullOrEmpty(j.JobId) && !isClaimed(j.JobId)).ToList();
            var windows = new Dictionary<string, List<HitlJob>>(StringComparer.Ordinal);
            var matches = new Dictionary<string, List<HitlJob>>(StringComparer.Ordinal);
            foreach (var row in inDoubt)
            {
                var since = (row.FirstIntentAt ?? DateTimeOffset.MinValue.Add(ClockTolerance)) - ClockTolerance;
                var window = unclaimed.Where(j => j.CreateDate == null || j.CreateDate >= since).ToList();
                var name = FileName(row.FirstFileUrl);
                windows[row.Key] = window;
                matches[row.Key] = name == null ? new List<HitlJob>() : window.Where(j => FileName(j.ImageUrl) == name).ToList();
            }
            var accountedFor = new HashSet<string>(matches.Values.SelectMany(m => m).Select(j => j.JobId), StringComparer.Ordinal);
            foreach (var row in inDoubt)
            {
                var mine = matches[row.Key];
                if (mine.Count == 1)
                {
                    var job = mine[0];
                    var rivals = inDoubt.Count(other => other.Key != row.Key && matches[other.Key].Any(j => j.JobId == job.JobId));
                    decisions[row.Key] = rivals == 0
                        ? HitlLedgerDecision.Adopt(job)
                        : HitlLedgerDecision.CannotTell(new[] { job.JobId }, "job " + job.JobId + " may belong to this row or to " + rivals + " other row(s) in doubt with the same first file name");
                    continue;
                }
                if (mine.Count > 1)
                {
                    decisions[row.Key] = HitlLedgerDecision.CannotTell(mine.Select(j => j.JobId).ToList(), mine.Count + " jobs of the project created since the row's intent show its file");
                    continue;
                }
                var unexplained = windows[row.Key].Where(j => !accountedFor.Contains(j.JobId)).Select(j => j.JobId).ToList();
                decisions[row.Key] = unexplained.Count == 0
                    ? HitlLedgerDecision.Resend()
                    : HitlLedgerDecision.CannotTell(unexplained, unexplained.Count + " job(s) of the project created since the row's intent are claimed by no ledger line and show no file of a row in doubt");
            }
            return decisions;
        }

        /// <summary>The last path segment of a URL, unescaped; null when there is none.</summary>
        public static string? FileName(string? url)
        {
            if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            var name = path.Substring(path.LastIndexOf('/') + 1);
            return name.Length == 0 ? null : name;
        }
    }
}
