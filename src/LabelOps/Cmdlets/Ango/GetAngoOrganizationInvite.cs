using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>The organisation's pending invitations (GET /organization/{orgId}/invites), streamed; the service reports no total.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoOrganizationInvite", SupportsPaging = true)]
    [OutputType(typeof(AngoInvite))]
    public sealed class GetAngoOrganizationInvite : AngoOrganizationCmdlet
    {
        protected override void ProcessRecord()
        {
            RunForItem(OrganizationId, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var organization = await client.ResolveOrganizationIdAsync(OrganizationId, token).ConfigureAwait(false);
                await StreamAsync(bridge, "Reading Ango organization invites", (range, onTotal, ct) => client.ListOrganizationInvitesAsync(organization, range, ct), token).ConfigureAwait(false);
            });
        }
    }
}
