using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Removes members from the organisation: every e-mail given or piped is collected and sent in one
    /// DELETE /organization/{orgId}/users. Irreversible bulk change: ConfirmImpact High.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AngoOrganizationMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveAngoOrganizationMember : AngoOrganizationRemoval
    {
        private protected override string Action => "Remove from Ango organization";

        private protected override string Done => "removed";

        private protected override Task<object?> SendAsync(AngoClient client, string organizationId, IReadOnlyList<string> emails, CancellationToken token) =>
            client.RemoveOrganizationMembersAsync(organizationId, emails, token);
    }
}
