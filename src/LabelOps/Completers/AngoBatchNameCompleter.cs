using System.Collections.Generic;
using System.Linq;

namespace LabelOps.Completers
{
    /// <summary>Completes batch names (-Batch); the cmdlets take a name or an id.</summary>
    public sealed class AngoBatchNameCompleter : AngoProjectPartCompleter
    {
        internal override IEnumerable<CompletionCandidate> Parts(AngoProject project) =>
            (project.Batches ?? new AngoBatch[0])
                .Where(b => !string.IsNullOrEmpty(b.Name))
                .Select(b => new CompletionCandidate(b.Name, null, b.Name + (string.IsNullOrEmpty(b.Description) ? string.Empty : ": " + b.Description) + " (batch " + b.BatchId + ")"));
    }
}
