using System;

using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>A member of the organisation (PSTypeName LabelOps.AngoMember). Email binds by property name into the member cmdlets.</summary>
    public sealed class AngoMember
    {
        [WireName("_id")]
        public string? UserId { get; set; }

        public string Email { get; set; } = string.Empty;

        public string? Name { get; set; }

        /// <summary>Admin, Member or Guest.</summary>
        public string? OrganizationRole { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>Set by LabelOps: the organisation the member was read from.</summary>
        public string? OrganizationId { get; set; }

        public override string ToString() => Email;
    }
}
