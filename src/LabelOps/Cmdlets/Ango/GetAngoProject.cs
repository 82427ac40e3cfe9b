using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Every project of the organisation (streamed, with -First/-Skip), or whole projects by ID.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoProject", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(AngoProject))]
    public sealed class GetAngoProject : AngoListOrByIdCmdlet
    {
        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string[] ProjectId { get; set; } = new string[0];

        /// <summary>Sort field; a leading '-' sorts descending. The service's default is -createdAt.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? Sort { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                RunForItem(null, (bridge, token) =>
                    StreamAsync(bridge, "Reading Ango projects", (range, onTotal, ct) => ClientFor(bridge).ListProjectsAsync(range, Sort, onTotal, ct), token));
                return;
            }
            foreach (var id in ProjectId)
            {
                RunForItem(id, async (bridge, token) => bridge.WriteObject(await ClientFor(bridge).GetProjectAsync(id, token).ConfigureAwait(false)));
            }
        }
    }
}
