using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>The stage history of tasks (one object per stage a task left), or history records by id.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoTaskHistory", DefaultParameterSetName = ByTaskSet)]
    [OutputType(typeof(AngoTaskHistory))]
    public sealed class GetAngoTaskHistory : AngoCmdlet
    {
        private const string ByTaskSet = "ByTask";
        private const string ByIdSet = "ById";

        [Parameter(ParameterSetName = ByTaskSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string[] TaskId { get; set; } = new string[0];

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[] HistoryId { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByIdSet)
            {
                foreach (var id in HistoryId)
                {
                    RunForItem(id, async (bridge, token) => bridge.WriteObject(await ClientFor(bridge).GetTaskHistoryEntryAsync(id, token).ConfigureAwait(false)));
                }
                return;
            }
            foreach (var id in TaskId)
            {
                RunForItem(id, async (bridge, token) =>
                {
                    foreach (var entry in await ClientFor(bridge).GetTaskHistoryAsync(id, token).ConfigureAwait(false))
                    {
                        entry.TaskId ??= id;
                        bridge.WriteObject(entry);
                    }
                });
            }
        }
    }
}
