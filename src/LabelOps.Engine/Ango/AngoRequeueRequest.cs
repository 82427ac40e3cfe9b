using System.Collections.Generic;

namespace LabelOps.Engine.Ango
{
    /// <summary>What to requeue and how (POST /project/{id}/requeueTasks). Every filter narrows; none at all means every task.</summary>
    internal sealed class AngoRequeueRequest
    {
        public string ToStageId { get; set; } = string.Empty;

        public IReadOnlyList<string>? TaskIds { get; set; }

        public IReadOnlyList<string>? ExternalIds { get; set; }

        public IReadOnlyList<string>? AssetIds { get; set; }

        public IReadOnlyList<string>? BatchIds { get; set; }

        public IReadOnlyList<string>? FromStageIds { get; set; }

        public bool RemoveAnnotations { get; set; }

        public bool RemoveAssignee { get; set; }

        public bool RemoveStageHistory { get; set; }

        /// <summary>True when no filter is set: the service then requeues every task of the project.</summary>
        public bool TargetsAllTasks =>
            IsEmpty(TaskIds) && IsEmpty(ExternalIds) && IsEmpty(AssetIds) && IsEmpty(BatchIds) && IsEmpty(FromStageIds);

        private static bool IsEmpty(IReadOnlyList<string>? list) => list == null || list.Count == 0;
    }
}
