using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Adds people to a project with a project role (or changes the role of those already in it).</summary>
    [Cmdlet(VerbsCommon.Add, "AngoProjectMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoProject))]
    public sealed class AddAngoProjectMember : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Assignee", "EmailAddress")]
        [ValidateNotNullOrEmpty]
        public string[] Email { get; set; } = new string[0];

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Manager", "Lead", "Reviewer", "Labeler", IgnoreCase = true)]
        public string Role { get; set; } = string.Empty;

        /// <summary>Write the project (read again after the change), whose AssignedTo lists the members.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var emails = Email.Select(e => e.Trim()).ToList();
            try
            {
                EmailRules.Require(emails);
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, ProjectId));
                return;
            }
            if (!ShouldProcess("Project " + ProjectId, "Add " + string.Join(", ", emails) + " as " + Role))
            {
                return;
            }
            RunForItem(ProjectId, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                await client.AddProjectMembersAsync(ProjectId, emails, Role, token).ConfigureAwait(false);
                if (PassThru) bridge.WriteObject(await client.GetProjectAsync(ProjectId, token).ConfigureAwait(false));
            });
        }
    }
}
