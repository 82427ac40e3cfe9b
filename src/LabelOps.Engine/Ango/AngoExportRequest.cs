using System;
using System.Collections.Generic;

namespace LabelOps.Engine.Ango
{
    /// <summary>What to export with GET /exportV3. Batches and stages are ids (resolve names with <see cref="AngoNameResolver"/>).</summary>
    internal sealed class AngoExportRequest
    {
        public string ProjectId { get; set; } = string.Empty;

        public IReadOnlyList<string> BatchIds { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string> StageIds { get; set; } = Array.Empty<string>();

        public AngoExportFormat Format { get; set; } = AngoExportFormat.Json;

        public bool IncludeHistory { get; set; }

        public bool IncludeMetadata { get; set; }
    }
}
