using System;
using System.Collections.Generic;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// The tasks a pipeline names for one project, by task id, external id or asset id: in arrival order, each id
    /// once per kind (Move-AngoTask collects them from every input object and sends one request per project).
    /// </summary>
    internal sealed class AngoTaskSelection
    {
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> _taskIds = new List<string>();
        private readonly List<string> _externalIds = new List<string>();
        private readonly List<string> _assetIds = new List<string>();

        public IReadOnlyList<string> TaskIds => _taskIds;

        public IReadOnlyList<string> ExternalIds => _externalIds;

        public IReadOnlyList<string> AssetIds => _assetIds;

        /// <summary>How many ids of all three kinds.</summary>
        public int Count => _taskIds.Count + _externalIds.Count + _assetIds.Count;

        public void Add(IEnumerable<string>? taskIds, IEnumerable<string>? externalIds, IEnumerable<string>? assetIds)
        {
            Add(_taskIds, "t:", taskIds);
            Add(_externalIds, "e:", externalIds);
            Add(_assetIds, "a:", assetIds);
        }

        private void Add(List<string> target, string kind, IEnumerable<string>? ids)
        {
            if (ids == null) return;
            foreach (var id in ids)
            {
                if (_seen.Add(kind + id)) target.Add(id);
            }
        }
    }
}
