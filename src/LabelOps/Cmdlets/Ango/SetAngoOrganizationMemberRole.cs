using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Changes organisation roles: every e-mail given or piped is collected and sent in one POST /organization/{orgId}/users.</summary>
    [Cmdlet(VerbsCommon.Set, "AngoOrganizationMemberRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoMember))]
    public sealed class SetAngoOrganizationMemberRole : AngoOrganizationCmdlet
    {
        private readonly List<string> _emails = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Email { get; set; } = new string[0];

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("Admin", "Member", "Guest")]
        public string Role { get; set; } = string.Empty;

        /// <summary>Write the members whose role was set, read again after the change (one listing of the members).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

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
                if (PassThru)
                {
                    var wanted = new HashSet<string>(emails, System.StringComparer.OrdinalIgnoreCase);
                    await foreach (var member in client.ListOrganizationMembersAsync(organization, null, new PageRange(), token).ConfigureAwait(false))
                    {
                        if (member.Email != null && wanted.Contains(member.Email)) bridge.WriteObject(member);
                    }
                }
            });
        }
    }
}
