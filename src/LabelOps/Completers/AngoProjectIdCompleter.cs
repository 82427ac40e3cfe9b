using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Completers
{
    /// <summary>
    /// Completes Ango -ProjectId from the organisation's most recent projects (one page of GET /listProjects,
    /// cached per session); what was typed matches an id or a project name.
    /// </summary>
    public sealed class AngoProjectIdCompleter : SessionCompleter
    {
        internal override IEnumerable<CompletionCandidate> Candidates(IDictionary boundParameters)
        {
            var session = AngoSessionFrom(boundParameters);
            if (session == null) return Enumerable.Empty<CompletionCandidate>();
            var projects = CompletionCache.Get<IReadOnlyList<AngoProject>>(session, "projects", async token =>
            {
                var list = new List<AngoProject>();
                var range = new PageRange { First = PageRange.MaximumPageSize };
                await foreach (var project in new AngoClient(session).ListProjectsAsync(range, null, null, token).ConfigureAwait(false))
                {
                    list.Add(project);
                }
                return list;
            });
            return (projects ?? new AngoProject[0]).Select(p => new CompletionCandidate(p.ProjectId, p.Name, string.IsNullOrEmpty(p.Name) ? "Ango project " + p.ProjectId : p.Name + " (Ango project " + p.ProjectId + ")"));
        }
    }
}
