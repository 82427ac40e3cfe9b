using System;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>An issue raised on a task (PSTypeName LabelOps.AngoIssue). IssueId binds by property name into Remove-AngoIssue.</summary>
    public sealed class AngoIssue
    {
        [WireName("_id")]
        public string IssueId { get; set; } = string.Empty;

        [WireName("project")]
        public string? ProjectId { get; set; }

        /// <summary>The task the issue is on (the service calls it labelTask).</summary>
        [WireName("labelTask")]
        public string? TaskId { get; set; }

        [WireName("asset")]
        public string? AssetId { get; set; }

        public string? Title { get; set; }

        public string? Content { get; set; }

        /// <summary>Open, Resolved or Closed.</summary>
        public string? Status { get; set; }

        public string? CreatedBy { get; set; }

        public string? Assignee { get; set; }

        /// <summary>Where on the asset the issue points; the service stores a stringified list such as "[10, 20]".</summary>
        [Freeform]
        public object? Position { get; set; }

        public string? ErrorType { get; set; }

        public string? ErrorCode { get; set; }

        /// <summary>The discussion: _id, content, createdBy, createdAt, … per comment, navigable with dot notation.</summary>
        [Freeform]
        public object? Comments { get; set; }

        [Freeform]
        public object? Points { get; set; }

        [Freeform]
        public object? ErrorCodes { get; set; }

        public string? ResolvedBy { get; set; }

        public DateTimeOffset? ResolvedAt { get; set; }

        public string? UpdatedBy { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }

        public override string ToString() => IssueId;
    }
}
