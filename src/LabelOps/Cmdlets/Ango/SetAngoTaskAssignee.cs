using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Assigns tasks of one stage to a user. Task ids are collected from the whole pipeline and sent in bulk: one
    /// request per project for every <see cref="AngoClient.AssignBatchSize"/> tasks, so assigning a filtered
    /// listing of 1,000 tasks costs 10 requests, not 1,000. Up to -ThrottleLimit of them are in flight at once.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AngoTaskAssignee", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoTask))]
    public sealed class SetAngoTaskAssignee : AngoCmdlet
    {
        // Project id → task ids in arrival order, without repeats.
        private readonly Dictionary<string, List<string>> _pending = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        private readonly HashSet<(string, string)> _seen = new HashSet<(string, string)>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string[] TaskId { get; set; } = new string[0];

        /// <summary>The stage (name or id) whose assignment is set; tasks elsewhere are left alone by the service.</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoStageNameCompleter))]
        public string Stage { get; set; } = string.Empty;

        /// <summary>The email of the project member to assign.</summary>
        [Parameter(Mandatory = true)]
        [Alias("User")]
        [ValidateNotNullOrEmpty]
        public string Email { get; set; } = string.Empty;

        /// <summary>Write each task, read again after the assignment (one extra request per task).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>How many requests (assignments of up to 100 tasks, and -PassThru reads) may be in flight at once. Output keeps the input order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        protected override void ProcessRecord()
        {
            if (!_pending.TryGetValue(ProjectId, out var ids))
            {
                ids = new List<string>();
                _pending[ProjectId] = ids;
            }
            foreach (var id in TaskId)
            {
                if (_seen.Add((ProjectId, id))) ids.Add(id);
            }
        }

        protected override void EndProcessing()
        {
            try
            {
                // Before the stage is resolved or anything is sent: the service mails the assignee.
                EmailRules.Require(new[] { Email });
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, Email));
                return;
            }
            foreach (var pair in _pending)
            {
                var projectId = pair.Key;
                var approved = Chunks(pair.Value, AngoClient.AssignBatchSize)
                    .Where(chunk => ShouldProcess(Describe(projectId, chunk), "Assign to " + Email + " in stage '" + Stage + "'"))
                    .ToList();
                if (approved.Count == 0) continue;
                RunForItem(Stage, async (bridge, token) =>
                {
                    var client = ClientFor(bridge);
                    var resolver = new AngoNameResolver(client, projectId);
                    var stageId = (await resolver.StageIdsAsync(new[] { Stage }, token).ConfigureAwait(false))[0];
                    var stageNames = PassThru ? await resolver.StageNamesAsync(token).ConfigureAwait(false) : null;
                    var assigned = new List<string>();
                    await OrderedWindow.RunAsync(
                        approved,
                        ThrottleLimit,
                        (chunk, t) => client.AssignTasksAsync(projectId, chunk, stageId, Email, t),
                        (chunk, call) =>
                        {
                            if (call.Exception?.InnerException is LabelOpsException failure)
                            {
                                bridge.WriteError(ErrorRecords.From(failure, chunk.ToArray()));
                                return;
                            }
                            call.GetAwaiter().GetResult(); // anything else (Ctrl+C) ends the command
                            assigned.AddRange(chunk);
                        },
                        token).ConfigureAwait(false);
                    if (stageNames == null) return;
                    await OrderedWindow.RunAsync(
                        assigned,
                        ThrottleLimit,
                        (id, t) => client.GetTaskAsync(id, false, t),
                        (id, call) =>
                        {
                            if (call.Exception?.InnerException is LabelOpsException failure)
                            {
                                bridge.WriteError(ErrorRecords.From(failure, id));
                                return;
                            }
                            bridge.WriteObject(AngoNameResolver.NameStage(call.GetAwaiter().GetResult(), stageNames));
                        },
                        token).ConfigureAwait(false);
                });
            }
        }

        private static string Describe(string projectId, IReadOnlyList<string> ids)
        {
            var shown = string.Join(", ", ids.Take(5));
            return ids.Count + (ids.Count == 1 ? " task" : " tasks") + " of project " + projectId + " (" + shown + (ids.Count > 5 ? ", …" : string.Empty) + ")";
        }

        internal static IEnumerable<IReadOnlyList<T>> Chunks<T>(IReadOnlyList<T> items, int size)
        {
            for (var start = 0; start < items.Count; start += size)
            {
                yield return items.Skip(start).Take(size).ToList();
            }
        }
    }
}
