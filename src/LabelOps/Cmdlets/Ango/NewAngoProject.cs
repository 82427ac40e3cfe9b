using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Creates a project (with the default workflow Start → Label → Complete), optionally with its ontology.</summary>
    [Cmdlet(VerbsCommon.New, "AngoProject", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoProject))]
    public sealed class NewAngoProject : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = string.Empty;

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        /// <summary>An AngoCategorySchema, a hashtable or object with tools/classifications/relations, or that as JSON text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? CategorySchema { get; set; }

        protected override void ProcessRecord()
        {
            AngoCategorySchema? schema = null;
            try
            {
                if (CategorySchema != null)
                {
                    schema = AngoCategorySchema.FromPlain(PowerShellValues.ToPlainOrParsedJson(CategorySchema, "CategorySchema"), "CategorySchema");
                }
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, Name));
                return;
            }
            if (!ShouldProcess(Name, "Create Ango project"))
            {
                return;
            }
            RunForItem(Name, async (bridge, token) =>
                bridge.WriteObject(await ClientFor(bridge).CreateProjectAsync(Name, Description, schema, token).ConfigureAwait(false)));
        }
    }
}
