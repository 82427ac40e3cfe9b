using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Withdraws pending invitations: every e-mail given or piped is collected and sent in one
    /// DELETE /organization/{orgId}/invites with {invites:[emails]} (body assumed; see docs/assumptions/ango-admin.md).
    /// ConfirmImpact Medium: nothing is lost that New-AngoOrganizationInvite cannot send again.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AngoOrganizationInvite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveAngoOrganizationInvite : AngoOrganizationCmdlet
    {
        private readonly List<string> _emails = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Email { get; set; } = new string[0];

        protected override void ProcessRecord() => _emails.AddRange(Email);

        protected override void EndProcessing()
        {
            var emails = _emails.Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
            if (emails.Count == 0 || !ShouldProcess(OrganizationChange.Describe(emails, OrganizationId), "Withdraw Ango organization invite"))
            {
                return;
            }
            RunForItem(emails, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var organization = await OrganizationAsync(client, token).ConfigureAwait(false);
                var result = await client.RemoveOrganizationInvitesAsync(organization, emails, token).ConfigureAwait(false);
                OrganizationChange.ReportCounts(bridge, result, emails.Count, "withdrawn");
            });
        }
    }
}
