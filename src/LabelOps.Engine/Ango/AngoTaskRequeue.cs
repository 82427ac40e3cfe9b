using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// A requeue as Move-AngoTask is asked for it: the target stage and the filters by name or id, and what deletes
    /// with it. The service requeues every task of the project when no filter is given, so that needs <see cref="All"/>:
    /// <see cref="Selects"/> says whether a selection may be sent, and <see cref="SendAsync"/> refuses one that would
    /// reach the service without filters.
    /// </summary>
    internal sealed class AngoTaskRequeue
    {
        public AngoTaskRequeue(string toStage) => ToStage = toStage;

        /// <summary>The stage (name or id) the tasks go to.</summary>
        public string ToStage { get; }

        /// <summary>Only tasks in these batches (names or ids).</summary>
        public IReadOnlyList<string>? Batches { get; set; }

        /// <summary>Only tasks now in these stages (names or ids).</summary>
        public IReadOnlyList<string>? FromStages { get; set; }

        /// <summary>Every task of the project.</summary>
        public bool All { get; set; }

        public bool RemoveAnnotations { get; set; }

        public bool RemoveAssignee { get; set; }

        public bool RemoveStageHistory { get; set; }

        /// <summary>False when nothing would filter the tasks and <see cref="All"/> was not asked for.</summary>
        public bool Selects(AngoTaskSelection selection) =>
            All || selection.Count > 0 || (Batches?.Count ?? 0) > 0 || (FromStages?.Count ?? 0) > 0;

        /// <summary>What the requeue does, for ShouldProcess.</summary>
        public string Action =>
            "Requeue to stage '" + ToStage + "'" + (RemoveAnnotations ? ", deleting annotations" : string.Empty)
            + (RemoveAssignee ? ", removing the assignee" : string.Empty) + (RemoveStageHistory ? ", removing stage history" : string.Empty);

        /// <summary>Which tasks it touches, for ShouldProcess and confirmation: "tasks of project p (3 tasks; in batch Week 1)".</summary>
        public string Describe(string projectId, AngoTaskSelection selection)
        {
            if (All) return "every task of project " + projectId;
            var parts = new List<string>();
            if (selection.TaskIds.Count > 0) parts.Add(Count(selection.TaskIds.Count, "task"));
            if (selection.ExternalIds.Count > 0) parts.Add(Count(selection.ExternalIds.Count, "external id"));
            if (selection.AssetIds.Count > 0) parts.Add(Count(selection.AssetIds.Count, "asset"));
            if (Batches?.Count > 0) parts.Add("in batch " + string.Join(", ", Batches));
            if (FromStages?.Count > 0) parts.Add("now in stage " + string.Join(", ", FromStages));
            return "tasks of project " + projectId + " (" + string.Join("; ", parts) + ")";
        }

        /// <summary>Resolves the stage and batch names (one project read), sends the requeue and names the target stage in the result.</summary>
        public async Task<AngoTaskMoveResult> SendAsync(AngoClient client, string projectId, AngoTaskSelection selection, CancellationToken cancellationToken)
        {
            var resolver = new AngoNameResolver(client, projectId);
            var toStageId = (await resolver.StageIdsAsync(new[] { ToStage }, cancellationToken).ConfigureAwait(false))[0];
            var request = new AngoRequeueRequest
            {
                ToStageId = toStageId,
                TaskIds = selection.TaskIds,
                ExternalIds = selection.ExternalIds,
                AssetIds = selection.AssetIds,
                BatchIds = All ? null : await resolver.BatchIdsAsync(Batches, cancellationToken).ConfigureAwait(false),
                FromStageIds = All ? null : await resolver.StageIdsAsync(FromStages, cancellationToken).ConfigureAwait(false),
                RemoveAnnotations = RemoveAnnotations,
                RemoveAssignee = RemoveAssignee,
                RemoveStageHistory = RemoveStageHistory,
            };
            if (request.TargetsAllTasks && !All)
            {
                throw LabelOpsException.InvalidArgument("No tasks were selected for project " + projectId + "; use -All to requeue every task.");
            }
            var result = await client.RequeueTasksAsync(projectId, request, cancellationToken).ConfigureAwait(false);
            result.ToStage = (await resolver.StageNamesAsync(cancellationToken).ConfigureAwait(false)).TryGetValue(toStageId, out var name) ? name : null;
            return result;
        }

        private static string Count(int count, string what) => count + " " + what + (count == 1 ? string.Empty : "s");
    }
}
