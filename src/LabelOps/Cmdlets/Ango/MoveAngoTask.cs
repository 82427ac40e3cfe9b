using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Requeues tasks to a stage (the SDK's requeue_tasks). Ids from the whole pipeline go into one request per
    /// project. The service requeues every task of the project when no filter is given, so that takes -All.
    /// -RemoveAnnotation deletes work irreversibly, so it asks again (ShouldContinue) unless -Force or -Confirm:$false.
    /// </summary>
    [Cmdlet(VerbsCommon.Move, "AngoTask", DefaultParameterSetName = ByTaskIdSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoTaskMoveResult))]
    public sealed class MoveAngoTask : AngoCmdlet
    {
        private const string ByTaskIdSet = "ByTaskId";
        private const string ByExternalIdSet = "ByExternalId";
        private const string ByAssetIdSet = "ByAssetId";
        private const string AllSet = "All";

        // Project id → what the pipeline asked for, in arrival order.
        private readonly Dictionary<string, AngoTaskSelection> _pending = new Dictionary<string, AngoTaskSelection>(StringComparer.Ordinal);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>The stage (name or id) the tasks go to.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoStageNameCompleter))]
        public string ToStage { get; set; } = string.Empty;

        [Parameter(ParameterSetName = ByTaskIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string[]? TaskId { get; set; }

        [Parameter(ParameterSetName = ByExternalIdSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[]? ExternalId { get; set; }

        [Parameter(ParameterSetName = ByAssetIdSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[]? AssetId { get; set; }

        /// <summary>Only tasks in these batches (names or ids).</summary>
        [Parameter(ParameterSetName = ByTaskIdSet)]
        [Parameter(ParameterSetName = ByExternalIdSet)]
        [Parameter(ParameterSetName = ByAssetIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoBatchNameCompleter))]
        public string[]? Batch { get; set; }

        /// <summary>Only tasks now in these stages (names or ids).</summary>
        [Parameter(ParameterSetName = ByTaskIdSet)]
        [Parameter(ParameterSetName = ByExternalIdSet)]
        [Parameter(ParameterSetName = ByAssetIdSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoStageNameCompleter))]
        public string[]? FromStage { get; set; }

        /// <summary>Requeue every task of the project (what the service does when no filter is given).</summary>
        [Parameter(ParameterSetName = AllSet, Mandatory = true)]
        public SwitchParameter All { get; set; }

        /// <summary>Delete the tasks' annotations. Irreversible.</summary>
        [Parameter]
        public SwitchParameter RemoveAnnotation { get; set; }

        [Parameter]
        public SwitchParameter RemoveAssignee { get; set; }

        [Parameter]
        public SwitchParameter RemoveStageHistory { get; set; }

        /// <summary>Do not ask again for -RemoveAnnotation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            if (!_pending.TryGetValue(ProjectId, out var selection))
            {
                selection = new AngoTaskSelection();
                _pending[ProjectId] = selection;
            }
            selection.Add(TaskId, ExternalId, AssetId);
        }

        protected override void EndProcessing()
        {
            var requeue = new AngoTaskRequeue(ToStage)
            {
                Batches = Batch,
                FromStages = FromStage,
                All = All,
                RemoveAnnotations = RemoveAnnotation,
                RemoveAssignee = RemoveAssignee,
                RemoveStageHistory = RemoveStageHistory,
            };
            foreach (var pair in _pending)
            {
                var projectId = pair.Key;
                var selection = pair.Value;
                if (!requeue.Selects(selection))
                {
                    // An empty selection would reach the service as "no filters", which requeues every task.
                    WriteError(ErrorRecords.From(
                        LabelOpsException.InvalidArgument("No tasks were selected for project " + projectId + ": give -TaskId, -ExternalId, -AssetId, -Batch or -FromStage, or -All to requeue every task of the project."),
                        projectId));
                    continue;
                }
                var what = requeue.Describe(projectId, selection);
                if (!ShouldProcess(what, requeue.Action)) continue;
                if (RemoveAnnotation && !Force && !ConfirmDeclinedExplicitly() && !AskAgain(what)) continue;
                RunForItem(projectId, async (bridge, token) =>
                    bridge.WriteObject(await requeue.SendAsync(ClientFor(bridge), projectId, selection, token).ConfigureAwait(false)));
            }
        }

        /// <summary>-Confirm:$false turns every confirmation off, including the extra one for -RemoveAnnotation.</summary>
        private bool ConfirmDeclinedExplicitly() =>
            MyInvocation.BoundParameters.TryGetValue("Confirm", out var value) && value is SwitchParameter confirm && !confirm.IsPresent;

        private bool AskAgain(string what)
        {
            try
            {
                return ShouldContinue(
                    "Requeueing with -RemoveAnnotation permanently deletes the annotations of " + what + ". Continue?",
                    "Delete annotations");
            }
            catch (Exception exception) when (exception is HostException || exception is PSInvalidOperationException)
            {
                // No one to ask (a non-interactive host): refuse rather than delete work unconfirmed.
                WriteError(ErrorRecords.From(
                    new LabelOpsException(ErrorReason.InvalidOperation, "-RemoveAnnotation deletes annotations irreversibly and this host cannot ask for confirmation; nothing was sent for " + what + ". Add -Force (or -Confirm:$false) to run it unattended.", exception),
                    what));
                return false;
            }
        }
    }
}
