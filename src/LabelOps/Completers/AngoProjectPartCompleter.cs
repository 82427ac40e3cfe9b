using System.Collections;
using System.Collections.Generic;
using System.Linq;
using LabelOps.Engine.Ango;

namespace LabelOps.Completers
{
    /// <summary>
    /// Completes names of a part of the Ango project given by -ProjectId on the same command line, from one read
    /// of the project (GET /project/{id}, cached per session and shared by the stage and batch completers).
    /// Nothing is offered until -ProjectId is typed.
    /// </summary>
    public abstract class AngoProjectPartCompleter : SessionCompleter
    {
        internal override IEnumerable<CompletionCandidate> Candidates(IDictionary boundParameters)
        {
            var projectId = TextFrom(boundParameters, "ProjectId");
            var session = AngoSessionFrom(boundParameters);
            if (projectId == null || session == null) return Enumerable.Empty<CompletionCandidate>();
            var project = CompletionCache.Get(session, "project/" + projectId, token => new AngoClient(session).GetProjectAsync(projectId, token));
            return project == null ? Enumerable.Empty<CompletionCandidate>() : Parts(project);
        }

        internal abstract IEnumerable<CompletionCandidate> Parts(AngoProject project);
    }
}
