using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine.Hitl.Ledger
{
    /// <summary>
    /// One New-HitlJob command with -Ledger: each row is created at most once across any number of runs that were
    /// killed and started again, and every row's job is written. Per row, by its ledger state:
    /// <list type="bullet">
    /// <item>done: the job is read back (one bulk status read per project) and written, nothing is sent;</item>
    /// <item>in doubt: settled by <see cref="HitlLedgerReconciler"/> from the project's job list, read before this
    /// run sends anything to that project: adopted, sent again, or reported as an error;</item>
    /// <item>new or failed: an intent line is flushed, the create is sent, and a done line (or, when the service
    /// certainly made nothing, a failed line) follows.</item>
    /// </list>
    /// </summary>
    internal sealed class HitlLedgerRun
    {
        private readonly HitlLedgerFile _ledger;
        private readonly HitlRowKey _keys = new HitlRowKey();
        private readonly ConcurrentDictionary<string, Lazy<Task<ProjectView>>> _projects = new ConcurrentDictionary<string, Lazy<Task<ProjectView>>>(StringComparer.Ordinal);
        private readonly Func<DateTimeOffset> _now;

        public HitlLedgerRun(HitlLedgerFile ledger, Func<DateTimeOffset>? now = null)
        {
            _ledger = ledger;
            _now = now ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The row's key; call in input order (identical rows are told apart by their order).</summary>
        public string KeyOf(HitlJobRequest request) => _keys.Next(request);

        /// <summary>Creates the row's job, or finds the one an earlier run made.</summary>
        public async Task<HitlJob> RunAsync(HitlClient client, HitlJobRequest request, string key, CancellationToken cancellationToken)
        {
            var validated = HitlClient.Validate(request);
            var entry = _ledger.Find(key);
            var state = entry?.State ?? HitlLedgerState.New;
            if (state == HitlLedgerState.Done)
            {
                var view = await ProjectAsync(client, validated.ProjectId, cancellationToken).ConfigureAwait(false);
                if (view.Jobs.TryGetValue(entry!.JobId!, out var recorded))
                {
                    return WithFiles(recorded, validated);
                }
                throw new LabelOpsException(ErrorReason.NotFound, "The ledger records job " + entry.JobId + " for this row, but project " + validated.ProjectId + " no longer lists it; nothing was sent.");
            }
            if (state == HitlLedgerState.InDoubt || _ledger.HasProject(validated.ProjectId))
            {
                // Settle what is in doubt from a job list read before this run creates anything in the project.
                var view = await ProjectAsync(client, validated.ProjectId, cancellationToken).ConfigureAwait(false);
                if (state == HitlLedgerState.InDoubt && view.Decisions.TryGetValue(key, out var decision))
                {
                    switch (decision.Verdict)
                    {
                        case HitlLedgerVerdict.Adopt:
                            _ledger.Append(new HitlLedgerRecord { State = HitlLedgerRecord.Done, Key = key, ProjectId = validated.ProjectId, JobId = decision.Job!.JobId, Recovered = true, At = _now() });
                            return WithFiles(decision.Job, validated);
                        case HitlLedgerVerdict.CannotTell:
                            throw new LabelOpsException(
                                ErrorReason.Conflict,
                                "An earlier run may have created this row's job, and the service's job list cannot tell (" + decision.Why + ": " + string.Join(", ", decision.Candidates) +
                                "). Nothing was sent. Check those jobs; see 'Restartable bulk creates' in about_LabelOps for settling the row in the ledger.");
                    }
                }
            }
            _ledger.Append(new HitlLedgerRecord { State = HitlLedgerRecord.Intent, Key = key, ProjectId = validated.ProjectId, FileUrl = validated.FileUrls.ToList(), At = _now() });
            HitlJob created;
            try
            {
                created = await client.CreateJobAsync(validated, cancellationToken).ConfigureAwait(false);
            }
            catch (LabelOpsException refused) when (CertainlyNotCreated(refused))
            {
                _ledger.Append(new HitlLedgerRecord { State = HitlLedgerRecord.Failed, Key = key, ProjectId = validated.ProjectId, Reason = refused.Reason.ToString(), At = _now() });
                throw;
            }
            _ledger.Append(new HitlLedgerRecord { State = HitlLedgerRecord.Done, Key = key, ProjectId = validated.ProjectId, JobId = created.JobId, At = _now() });
            return created;
        }

        /// <summary>A 4xx answer other than 408: the service refused the create, so it made nothing.</summary>
        public static bool CertainlyNotCreated(LabelOpsException failure) =>
            failure.StatusCode is int status && status >= 400 && status < 500 && status != 408;

        private Task<ProjectView> ProjectAsync(HitlClient client, string projectId, CancellationToken cancellationToken) =>
            _projects.GetOrAdd(projectId, id => new Lazy<Task<ProjectView>>(() => LoadAsync(client, id, cancellationToken))).Value;

        private async Task<ProjectView> LoadAsync(HitlClient client, string projectId, CancellationToken cancellationToken)
        {
            var jobs = await client.GetJobsAsync(projectId, cancellationToken).ConfigureAwait(false);
            var decisions = HitlLedgerReconciler.Decide(_ledger.InDoubt(projectId), jobs, _ledger.IsClaimed);
            var byId = new Dictionary<string, HitlJob>(StringComparer.Ordinal);
            foreach (var job in jobs)
            {
                if (!string.IsNullOrEmpty(job.JobId)) byId[job.JobId] = job;
            }
            return new ProjectView(byId, decisions);
        }

        private static HitlJob WithFiles(HitlJob job, HitlJobRequest request)
        {
            job.FileUrl = request.FileUrls.ToArray();
            return job;
        }

        private sealed class ProjectView
        {
            public ProjectView(IReadOnlyDictionary<string, HitlJob> jobs, IReadOnlyDictionary<string, HitlLedgerDecision> decisions)
            {
                Jobs = jobs;
                Decisions = decisions;
            }

            public IReadOnlyDictionary<string, HitlJob> Jobs { get; }

            public IReadOnlyDictionary<string, HitlLedgerDecision> Decisions { get; }
        }
    }
}
