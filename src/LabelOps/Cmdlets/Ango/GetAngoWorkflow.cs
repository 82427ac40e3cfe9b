using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Reads a project's workflow: one AngoStage per stage, in the service's order, each with its ProjectId.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoWorkflow")]
    [OutputType(typeof(AngoStage))]
    public sealed class GetAngoWorkflow : AngoCmdlet
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
                {
                    var stages = await ClientFor(bridge).GetWorkflowAsync(id, token).ConfigureAwait(false);
                    var names = new System.Collections.Generic.Dictionary<string, string>();
                    foreach (var stage in stages)
                    {
                        if (!string.IsNullOrEmpty(stage.StageId)) names[stage.StageId] = stage.Name;
                    }
                    foreach (var stage in stages)
                    {
                        // The names of the following stages, for the table (ids say nothing at a glance). A note on the
                        // PSObject, not a model property, so Set-AngoWorkflow never sends it back.
                        var next = new System.Collections.Generic.List<string>();
                        foreach (var nextId in stage.Next ?? new string[0])
                        {
                            next.Add(nextId != null && names.TryGetValue(nextId, out var name) ? name : nextId ?? string.Empty);
                        }
                        var output = PSObject.AsPSObject(stage);
                        output.Properties.Add(new PSNoteProperty("NextName", new ValueList<string>(next)));
                        bridge.WriteObject(output);
                    }
                });
            }
        }
    }
}
