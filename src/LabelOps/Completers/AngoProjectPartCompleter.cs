using System.Collections;
using System.Collections.Generic;
using System.Linq;
using LabelOps.Ango;

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

    /// <summary>Completes workflow stage names (-Stage, -ToStage, -FromStage); the cmdlets take a name or an id.</summary>
    public sealed class AngoStageNameCompleter : AngoProjectPartCompleter
    {
        internal override IEnumerable<CompletionCandidate> Parts(AngoProject project) =>
            (project.Stages ?? new AngoStage[0])
                .Where(s => !string.IsNullOrEmpty(s.Name))
                .Select(s => new CompletionCandidate(s.Name, null, s.Name + " (" + (s.Type ?? "stage") + " stage " + s.StageId + ")"));
    }

    /// <summary>Completes batch names (-Batch); the cmdlets take a name or an id.</summary>
    public sealed class AngoBatchNameCompleter : AngoProjectPartCompleter
    {
        internal override IEnumerable<CompletionCandidate> Parts(AngoProject project) =>
            (project.Batches ?? new AngoBatch[0])
                .Where(b => !string.IsNullOrEmpty(b.Name))
                .Select(b => new CompletionCandidate(b.Name, null, b.Name + (string.IsNullOrEmpty(b.Description) ? string.Empty : ": " + b.Description) + " (batch " + b.BatchId + ")"));
    }
}
