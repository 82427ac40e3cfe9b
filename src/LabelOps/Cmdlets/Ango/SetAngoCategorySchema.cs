using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Replaces a project's whole ontology. The schema comes from -InputObject (an AngoCategorySchema, a project,
    /// a hashtable/object or JSON text), and -Tool/-Classification/-Relation replace its parts; a part given by
    /// neither is sent empty, because the service replaces the schema as a whole.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AngoCategorySchema", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoCategorySchema))]
    public sealed class SetAngoCategorySchema : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(Position = 1, ValueFromPipeline = true)]
        [Alias("CategorySchema")]
        public object? InputObject { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        public object[]? Tool { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        public object[]? Classification { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        public object[]? Relation { get; set; }

        /// <summary>Write the schema as the service stored it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            AngoCategorySchema schema;
            try
            {
                schema = Build();
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, ProjectId));
                return;
            }
            if (!ShouldProcess("Project " + ProjectId, "Replace the category schema with " + schema))
            {
                return;
            }
            RunForItem(ProjectId, async (bridge, token) =>
            {
                var stored = await ClientFor(bridge).SetCategorySchemaAsync(ProjectId, schema, token).ConfigureAwait(false);
                if (PassThru) bridge.WriteObject(stored);
            });
        }

        private AngoCategorySchema Build()
        {
            var input = InputObject is PSObject wrapped ? wrapped.BaseObject : InputObject;
            AngoCategorySchema schema;
            if (input == null)
            {
                if (Tool == null && Classification == null && Relation == null)
                {
                    throw LabelOpsException.InvalidArgument("Give the schema with -InputObject, or at least one of -Tool, -Classification and -Relation.");
                }
                schema = new AngoCategorySchema();
            }
            else if (input is AngoProject project)
            {
                schema = AngoCategorySchema.FromPlain(PowerShellValues.ToPlain(project.CategorySchema), "InputObject.CategorySchema");
            }
            else
            {
                schema = AngoCategorySchema.FromPlain(PowerShellValues.ToPlainOrParsedJson(InputObject, "InputObject"), "InputObject");
            }
            if (Tool != null) schema.Tools = AngoCategorySchema.RequireItems(Tool.Select(PowerShellValues.ToPlain), "Tool");
            if (Classification != null) schema.Classifications = AngoCategorySchema.RequireItems(Classification.Select(PowerShellValues.ToPlain), "Classification");
            if (Relation != null) schema.Relations = AngoCategorySchema.RequireItems(Relation.Select(PowerShellValues.ToPlain), "Relation");
            return schema;
        }
    }
}
