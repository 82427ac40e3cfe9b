using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Invites people to the organisation, optionally straight into projects: every e-mail given or piped is
    /// collected and sent in one POST /organization/{orgId}/invites. Sent once (it e-mails people), never re-sent
    /// after an ambiguous failure.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AngoOrganizationInvite", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoInvite))]
    public sealed class NewAngoOrganizationInvite : AngoOrganizationCmdlet
    {
        private readonly List<string> _emails = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Email { get; set; } = new string[0];

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("Admin", "Member", "Guest")]
        public string Role { get; set; } = string.Empty;

        /// <summary>@{ProjectId = '…'; Role = 'Labeler'} per project (roles Manager, Lead, Reviewer, Labeler).</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable[]? ProjectAssignment { get; set; }

        protected override void ProcessRecord() => _emails.AddRange(Email);

        protected override void EndProcessing()
        {
            var emails = _emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            try
            {
                // Before the organization is read or anything is sent: the service mails every invitee.
                EmailRules.Require(emails);
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, emails.ToArray()));
                return;
            }
            List<AngoProjectAssignment> assignments;
            try
            {
                assignments = (ProjectAssignment ?? new Hashtable[0]).Select(Assignment).ToList();
            }
            catch (LabelOpsException failure)
            {
                ThrowTerminating(failure, ProjectAssignment);
                return;
            }
            var projects = assignments.Count == 0 ? string.Empty : " with " + string.Join(", ", assignments.Select(a => a.ProjectRole + " on " + a.ProjectId));
            if (emails.Count == 0 || !ShouldProcess(OrganizationChange.Describe(emails, OrganizationId), "Invite to Ango organization as " + Role + projects))
            {
                return;
            }
            RunForItem(emails, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var organization = await OrganizationAsync(client, token).ConfigureAwait(false);
                foreach (var invite in await client.InviteOrganizationMembersAsync(organization, emails, Role, assignments, token).ConfigureAwait(false))
                {
                    bridge.WriteObject(invite);
                }
            });
        }

        private static AngoProjectAssignment Assignment(Hashtable table)
        {
            string? Value(params string[] keys)
            {
                foreach (var key in keys)
                {
                    foreach (DictionaryEntry entry in table)
                    {
                        if (string.Equals(entry.Key as string, key, StringComparison.OrdinalIgnoreCase))
                        {
                            var raw = entry.Value is PSObject o ? o.BaseObject : entry.Value;
                            return raw?.ToString();
                        }
                    }
                }
                return null;
            }
            var projectId = Value("ProjectId", "Project");
            var role = Value("Role", "ProjectRole");
            if (string.IsNullOrWhiteSpace(projectId) || string.IsNullOrWhiteSpace(role))
            {
                throw LabelOpsException.InvalidArgument("Each -ProjectAssignment needs ProjectId and Role, e.g. @{ProjectId='…'; Role='Labeler'}.");
            }
            var roles = new[] { "Manager", "Lead", "Reviewer", "Labeler" };
            var known = roles.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
            if (known == null)
            {
                throw LabelOpsException.InvalidArgument("Project role '" + role + "' is not one of " + string.Join(", ", roles) + ".");
            }
            return new AngoProjectAssignment { ProjectId = IdRules.Require(projectId, "ProjectAssignment.ProjectId"), ProjectRole = known };
        }
    }
}
