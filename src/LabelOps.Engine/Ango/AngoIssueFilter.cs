namespace LabelOps.Engine.Ango
{
    /// <summary>Filters of GET /issues; null means "any".</summary>
    internal sealed class AngoIssueFilter
    {
        public string? ProjectId { get; set; }

        public string? TaskId { get; set; }

        public string? Status { get; set; }

        public string? Assignee { get; set; }

        public string? CreatedBy { get; set; }
    }
}
