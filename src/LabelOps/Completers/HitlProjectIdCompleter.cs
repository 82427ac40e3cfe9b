using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace LabelOps.Completers
{
    /// <summary>
    /// Completes HITL -ProjectId from the projects this session has used (read, created, listed or seen in
    /// metrics). The API has no project list, so nothing is sent: Get-HitlMetric once fills it with every project.
    /// </summary>
    public sealed class HitlProjectIdCompleter : SessionCompleter
    {
        internal override IEnumerable<CompletionCandidate> Candidates(IDictionary boundParameters)
        {
            var session = HitlSessionFrom(boundParameters);
            if (session == null) return Enumerable.Empty<CompletionCandidate>();
            return session.SeenProjects.Snapshot().Select(p => new CompletionCandidate(p.Key, p.Value, p.Value == null ? "HITL project " + p.Key : p.Value + " (HITL project " + p.Key + ")"));
        }
    }
}
