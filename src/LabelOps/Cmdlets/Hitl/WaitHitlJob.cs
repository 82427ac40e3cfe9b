using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Hitl;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>
    /// Polls until each job is done, error, canceled or expired, writing each job as it finishes. One request per
    /// project per interval: a single job is read directly, several jobs of a project through the bulk endpoint.
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

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
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
            var lastSeen = new Dictionary<(string, string), HitlJob>();
            var deadline = DateTimeOffset.UtcNow + Timeout;
            while (true)
            {
                foreach (var project in waiting.Keys.ToList())
                {
                    var jobIds = waiting[project];
                    IReadOnlyList<HitlJob> jobs;
                    try
                    {
                        jobs = jobIds.Count == 1
                            ? new[] { await client.GetJobAsync(project, jobIds[0], token).ConfigureAwait(false) }
                            : await client.GetJobsAsync(project, token).ConfigureAwait(false);
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
                    var byId = jobs.GroupBy(j => j.JobId).ToDictionary(g => g.Key, g => g.First());
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
                await Task.Delay(left < PollInterval ? left : PollInterval, token).ConfigureAwait(false);
            }
        }

        private static bool IsTransient(ErrorReason reason) =>
            reason == ErrorReason.ServerError || reason == ErrorReason.NetworkError || reason == ErrorReason.Timeout
            || reason == ErrorReason.RateLimited || reason == ErrorReason.InvalidResponse;
    }
}
