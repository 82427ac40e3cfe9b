using System.Collections.Generic;
using System.Linq;

namespace LabelOps.Completers
{
    /// <summary>Completes workflow stage names (-Stage, -ToStage, -FromStage); the cmdlets take a name or an id.</summary>
    public sealed class AngoStageNameCompleter : AngoProjectPartCompleter
    {
        internal override IEnumerable<CompletionCandidate> Parts(AngoProject project) =>
            (project.Stages ?? new AngoStage[0])
                .Where(s => !string.IsNullOrEmpty(s.Name))
                .Select(s => new CompletionCandidate(s.Name, null, s.Name + " (" + (s.Type ?? "stage") + " stage " + s.StageId + ")"));
    }
}
