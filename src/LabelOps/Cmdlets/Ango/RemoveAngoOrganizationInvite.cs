using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Withdraws pending invitations: every e-mail given or piped is collected and sent in one
    /// DELETE /organization/{orgId}/invites with {invites:[emails]} (body assumed; see docs/assumptions/ango-admin.md).
    /// ConfirmImpact Medium: nothing is lost that New-AngoOrganizationInvite cannot send again.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AngoOrganizationInvite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAngoOrganizationInvite : AngoOrganizationRemoval
    {
        private protected override string Action => "Withdraw Ango organization invite";

        private protected override string Done => "withdrawn";

        private protected override Task<object?> SendAsync(AngoClient client, string organizationId, IReadOnlyList<string> emails, CancellationToken token) =>
            client.RemoveOrganizationInvitesAsync(organizationId, emails, token);
    }
}
