using System.Collections.Generic;

namespace LabelOps.Engine.Ango
{
    /// <summary>Which tasks a listing wants. Stage and batches are ids (names are resolved before, by <see cref="AngoNameResolver"/>).</summary>
    internal sealed class AngoTaskQuery
    {
        /// <summary>TODO or Completed.</summary>
        public string? Status { get; set; }

        public string? StageId { get; set; }

        /// <summary>Tasks in all of these batches.</summary>
        public IReadOnlyList<string>? BatchIds { get; set; }

        public string? Assignee { get; set; }

        public bool IncludeAnswer { get; set; }
    }
}
