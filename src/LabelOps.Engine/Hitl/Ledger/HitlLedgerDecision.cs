using System.Collections.Generic;

namespace LabelOps.Engine.Hitl.Ledger
{
    /// <summary>What a re-run does with a row whose create was in doubt.</summary>
    internal sealed class HitlLedgerDecision
    {
        private HitlLedgerDecision(HitlLedgerVerdict verdict, HitlJob? job, IReadOnlyList<string> candidates, string? why)
        {
            Verdict = verdict;
            Job = job;
            Candidates = candidates;
            Why = why;
        }

        public HitlLedgerVerdict Verdict { get; }

        /// <summary>The adopted job.</summary>
        public HitlJob? Job { get; }

        /// <summary>For CannotTell: the jobs that might be the row's.</summary>
        public IReadOnlyList<string> Candidates { get; }

        public string? Why { get; }

        public static HitlLedgerDecision Resend() => new HitlLedgerDecision(HitlLedgerVerdict.Resend, null, new string[0], null);

        public static HitlLedgerDecision Adopt(HitlJob job) => new HitlLedgerDecision(HitlLedgerVerdict.Adopt, job, new[] { job.JobId }, null);

        public static HitlLedgerDecision CannotTell(IReadOnlyList<string> candidates, string why) =>
            new HitlLedgerDecision(HitlLedgerVerdict.CannotTell, null, candidates, why);
    }
}
