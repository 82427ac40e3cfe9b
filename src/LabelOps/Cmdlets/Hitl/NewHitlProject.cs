using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>Creates a project; it starts as 'new' until a HITL administrator activates it.</summary>
    [Cmdlet(VerbsCommon.New, "HitlProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(HitlProject))]
    public sealed class NewHitlProject : HitlCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        /// <summary>A public URL of the instructions (.pdf, .docx, .png, .jpg or .jpeg), downloaded once by the service.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string InstructionsFileUrl { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Name, "Create HITL project"))
            {
                return;
            }
            RunForItem(Name, async (bridge, token) =>
                bridge.WriteObject(await ClientFor(bridge).CreateProjectAsync(Name, InstructionsFileUrl, token).ConfigureAwait(false)));
        }
    }
}
