namespace LabelOps
{
    /// <summary>A Humans in the Loop project (PSTypeName LabelOps.HitlProject).</summary>
    public sealed class HitlProject
    {
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>new (waiting for an administrator), active (accepts jobs) or inactive.</summary>
        public string Status { get; set; } = string.Empty;

        /// <summary>Known only for a project created in this session (the service reports status alone).</summary>
        public string? Name { get; set; }

        public string? InstructionsFileUrl { get; set; }

        public override string ToString() => ProjectId;
    }
}
