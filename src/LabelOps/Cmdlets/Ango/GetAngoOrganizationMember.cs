using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>The organisation's members (GET /organization/{orgId}/users), streamed; the service reports no total.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoOrganizationMember", SupportsPaging = true)]
    [OutputType(typeof(AngoMember))]
    public sealed class GetAngoOrganizationMember : AngoOrganizationCmdlet
    {
        /// <summary>Part of an e-mail address or name.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Search { get; set; }

        protected override void ProcessRecord()
        {
            RunForItem(OrganizationId, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var organization = await client.ResolveOrganizationIdAsync(OrganizationId, token).ConfigureAwait(false);
                await StreamAsync(bridge, "Reading Ango organization members", (range, onTotal, ct) => client.ListOrganizationMembersAsync(organization, Search, range, ct), token).ConfigureAwait(false);
            });
        }
    }
}
