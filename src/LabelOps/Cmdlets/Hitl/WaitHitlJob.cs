using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Hitl;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>
    /// Polls until each job is done, error, canceled or expired, writing each job as it finishes. Per project and
    /// interval, <see cref="HitlWaitPlanner"/> chooses whichever costs less: a few single reads of the jobs waited
    /// for, or one bulk read of the project's jobs, parsed streaming and keeping only those waited for.
    /// Jobs still running at -Timeout get one LabelOps.WaitTimeout error each.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "HitlJob")]
    [OutputType(typeof(HitlJob))]
    public sealed class WaitHitlJob : HitlCmdlet
    {
        private readonly List<(string ProjectId, string JobId)> _pending = new List<(string, string)>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("project_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.HitlProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        // Also by value, so a list of ids pipes in (Get-Content ids.txt); a piped job still binds by property name.
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("job_id", "Id")]
        [ValidateNotNullOrEmpty]
        public string[] JobId { get; set; } = new string[0];

        /// <summary>How long to wait in all (a TimeSpan, or a number of seconds). Default: 1 hour.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Time between polls (a TimeSpan, or a number of seconds). Default: 5 seconds.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        protected override void ProcessRecord()
        {
            foreach (var id in JobId)
            {
                if (!_pending.Contains((ProjectId, id)))
                {
                    _pending.Add((ProjectId, id));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (PollInterval <= TimeSpan.Zero || Timeout < TimeSpan.Zero)
            {
                ThrowTerminating(LabelOpsException.InvalidArgument("PollInterval must be positive and Timeout not negative."), null);
            }
            if (_pending.Count > 0)
            {
                RunAsync(WaitAsync);
            }
        }

        private async Task WaitAsync(PipelineBridge bridge, CancellationToken token)
        {
            var client = ClientFor(bridge);
            var total = _pending.Count;
            var waiting = _pending.GroupBy(p => p.ProjectId).ToDictionary(g => g.Key, g => g.Select(p => p.JobId).ToList());
            // One planner per project: what its bulk reply cost is learnt at the first bulk read and decides later polls.
            var planners = waiting.Keys.ToDictionary(p => p, _ => new HitlWaitPlanner());
            var lastSeen = new Dictionary<(string, string), HitlJob>();
            var deadline = DateTimeOffset.UtcNow + Timeout;
            while (true)
            {
                // Polls start PollInterval apart (not PollInterval after the last one ended), so a job is seen at
                // most one interval after it finished, however long a poll takes.
                var pollStarted = DateTimeOffset.UtcNow;
                foreach (var project in waiting.Keys.ToList())
                {
                    var jobIds = waiting[project];
                    IReadOnlyDictionary<string, HitlJob> byId;
                    try
                    {
                        byId = await PollAsync(client, planners[project], project, jobIds, token).ConfigureAwait(false);
                    }
                    catch (LabelOpsException failure) when (IsTransient(failure.Reason))
                    {
                        bridge.WriteWarning("Polling project " + project + " failed; trying again at the next interval: " + failure.Message);
                        continue;
                    }
                    catch (LabelOpsException failure)
                    {
                        foreach (var id in jobIds) bridge.WriteError(ErrorRecords.From(failure, id));
                        waiting.Remove(project);
                        continue;
                    }
                    foreach (var id in jobIds.ToList())
                    {
                        if (!byId.TryGetValue(id, out var job))
                        {
                            bridge.WriteError(ErrorRecords.From(new LabelOpsException(ErrorReason.NotFound, "Job " + id + " was not found in project " + project + "."), id));
                            jobIds.Remove(id);
                            continue;
                        }
                        lastSeen[(project, id)] = job;
                        if (job.IsFinished)
                        {
                            bridge.WriteObject(job);
                            jobIds.Remove(id);
                        }
                    }
                    if (jobIds.Count == 0) waiting.Remove(project);
                }

                var remaining = waiting.Values.Sum(v => v.Count);
                bridge.WriteProgress(new ProgressRecord(1, "Waiting for HITL jobs", (total - remaining) + " of " + total + " finished")
                {
                    PercentComplete = total == 0 ? 100 : (total - remaining) * 100 / total,
                    RecordType = remaining == 0 ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                });
                if (remaining == 0)
                {
                    return;
                }
                var left = deadline - DateTimeOffset.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    foreach (var pair in waiting.SelectMany(p => p.Value.Select(id => (p.Key, id))))
                    {
                        lastSeen.TryGetValue(pair, out var job);
                        var status = job?.Status ?? "unknown";
                        var timeout = new LabelOpsException(ErrorReason.WaitTimeout, "Job " + pair.Item2 + " in project " + pair.Item1 + " was still '" + status + "' after " + Timeout + ".");
                        bridge.WriteError(ErrorRecords.From(timeout, (object?)job ?? pair.Item2));
                    }
                    bridge.WriteProgress(new ProgressRecord(1, "Waiting for HITL jobs", "Timed out") { RecordType = ProgressRecordType.Completed });
                    return;
                }
                var untilNext = PollInterval - (DateTimeOffset.UtcNow - pollStarted);
                if (untilNext < TimeSpan.Zero) untilNext = TimeSpan.Zero;
                await Task.Delay(left < untilNext ? left : untilNext, token).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// One poll of one project, read as its planner chooses: single reads (at most SingleReadsInFlight at a
        /// time) or one streamed bulk read that keeps only the jobs waited for. A job a single read does not find is
        /// left out of the answer, as the bulk read leaves it out, so both are reported the same way.
        /// </summary>
        private async Task<IReadOnlyDictionary<string, HitlJob>> PollAsync(HitlClient client, HitlWaitPlanner planner, string project, List<string> jobIds, CancellationToken token)
        {
            if (planner.Choose(jobIds.Count, client.MaxRequestsPerMinute, PollInterval) == HitlPollRead.BulkRead)
            {
                var read = await client.GetJobsAsync(project, jobIds, token).ConfigureAwait(false);
                planner.LearnBulkReply(read.Bytes, read.Jobs);
                return read.Kept;
            }
            using var slots = new SemaphoreSlim(SingleReadsInFlight);
            var reads = jobIds.Select(async id =>
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    return await client.GetJobAsync(project, id, token).ConfigureAwait(false);
                }
                catch (LabelOpsException missing) when (missing.Reason == ErrorReason.NotFound && jobIds.Count > 1)
                {
                    return null; // reported below as not found in the project, like a job the bulk list lacks
                }
                finally
                {
                    slots.Release();
                }
            }).ToList();
            var jobs = await Task.WhenAll(reads).ConfigureAwait(false);
            var byId = new Dictionary<string, HitlJob>(StringComparer.Ordinal);
            foreach (var job in jobs)
            {
                if (job != null && !byId.ContainsKey(job.JobId)) byId[job.JobId] = job;
            }
            return byId;
        }

        /// <summary>Single reads of one poll sent at once (they are few: see HitlWaitPlanner.MaxSingleReadsPerPoll).</summary>
        private const int SingleReadsInFlight = 8;

        private static bool IsTransient(ErrorReason reason) =>
            reason == ErrorReason.ServerError || reason == ErrorReason.NetworkError || reason == ErrorReason.Timeout
            || reason == ErrorReason.RateLimited || reason == ErrorReason.InvalidResponse;
    }
}
