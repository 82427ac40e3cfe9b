using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Reads a project's ontology (tools, classifications, relations) as one AngoCategorySchema per project.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoCategorySchema")]
    [OutputType(typeof(AngoCategorySchema))]
    public sealed class GetAngoCategorySchema : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string[] ProjectId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            foreach (var id in ProjectId)
            {
                RunForItem(id, async (bridge, token) =>
                    bridge.WriteObject(await ClientFor(bridge).GetCategorySchemaAsync(id, token).ConfigureAwait(false)));
            }
        }
    }
}
