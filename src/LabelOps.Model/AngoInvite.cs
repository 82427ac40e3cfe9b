using System;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>A pending invitation to the organisation (PSTypeName LabelOps.AngoInvite). Email (the service's 'to') binds into Remove-AngoOrganizationInvite.</summary>
    public sealed class AngoInvite
    {
        [WireName("_id")]
        public string? InviteId { get; set; }

        [WireName("to")]
        public string Email { get; set; } = string.Empty;

        /// <summary>Admin, Member or Guest.</summary>
        public string? OrganizationRole { get; set; }

        /// <summary>e.g. Pending.</summary>
        public string? Status { get; set; }

        public string? CreatedBy { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public DateTimeOffset? ExpiresAt { get; set; }

        /// <summary>projectId and projectRole per project the invitee will join, navigable with dot notation.</summary>
        [Freeform]
        public object? ProjectAssignments { get; set; }

        /// <summary>Set by LabelOps: the organisation the invite was read from.</summary>
        public string? OrganizationId { get; set; }

        /// <summary>
        /// A pending invite past its expiry cannot be accepted any more: Where-Object IsExpired finds those to re-send.
        /// (A property of the class, not type data: see HitlJob.Duration.)
        /// </summary>
        public bool IsExpired => ExpiresAt.HasValue && ExpiresAt.Value < DateTimeOffset.UtcNow;

        public override string ToString() => Email;
    }
}
