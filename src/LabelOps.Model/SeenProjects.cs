using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace LabelOps
{
    /// <summary>
    /// The HITL projects a session has used successfully (read, created, listed jobs of, or seen in metrics), for
    /// tab completion of -ProjectId: the API has no project list, so what this session has seen is all there is
    /// to offer. Thread-safe (sessions are shared across runspaces) and bounded, so a long-lived session does not grow.
    /// </summary>
    internal sealed class SeenProjects
    {
        private const int Capacity = 500;
        private readonly ConcurrentDictionary<string, string?> _names = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);

        public void Remember(string? projectId, string? name = null)
        {
            if (string.IsNullOrEmpty(projectId) || (_names.Count >= Capacity && !_names.ContainsKey(projectId!)))
            {
                return;
            }
            _names.AddOrUpdate(projectId!, name, (_, known) => string.IsNullOrEmpty(name) ? known : name);
        }

        /// <summary>Project id → name (null when the service did not say), sorted by id.</summary>
        public IReadOnlyList<KeyValuePair<string, string?>> Snapshot() => _names.ToArray().OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
    }
}
