using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Changes organisation roles: every e-mail given or piped is collected and sent in one POST /organization/{orgId}/users.</summary>
    [Cmdlet(VerbsCommon.Set, "AngoOrganizationMemberRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class SetAngoOrganizationMemberRole : AngoOrganizationCmdlet
    {
        private readonly List<string> _emails = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Email { get; set; } = new string[0];

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("Admin", "Member", "Guest")]
        public string Role { get; set; } = string.Empty;

        protected override void ProcessRecord() => _emails.AddRange(Email);

        protected override void EndProcessing()
        {
            var emails = _emails.Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
            if (emails.Count == 0 || !ShouldProcess(OrganizationChange.Describe(emails, OrganizationId), "Set Ango organization role to " + Role))
            {
                return;
            }
            RunForItem(emails, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var organization = await OrganizationAsync(client, token).ConfigureAwait(false);
                var changes = emails.Select(e => new KeyValuePair<string, string>(e, Role)).ToList();
                var result = await client.SetOrganizationMemberRolesAsync(organization, changes, token).ConfigureAwait(false);
                OrganizationChange.ReportCounts(bridge, result, emails.Count, "updated");
            });
        }
    }
}
