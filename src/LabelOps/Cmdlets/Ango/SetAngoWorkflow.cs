using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Replaces a project's whole workflow with the stages given or piped in: they are collected, checked (one
    /// Start, every 'next' resolves), and sent as one request when the pipeline ends.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "AngoWorkflow", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoStage))]
    public sealed class SetAngoWorkflow : AngoCmdlet
    {
        private readonly List<AngoStage> _stages = new List<AngoStage>();
        private string? _projectId;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>AngoStage objects (from Get-AngoWorkflow), or objects/hashtables with id, name, type, next and settings.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public object[] Stage { get; set; } = new object[0];

        /// <summary>Write the stages as the service stored them.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (_projectId == null)
            {
                _projectId = ProjectId;
            }
            else if (!string.Equals(_projectId, ProjectId, StringComparison.Ordinal))
            {
                ThrowTerminating(LabelOpsException.InvalidArgument(
                    "The piped stages come from more than one project ('" + _projectId + "', '" + ProjectId + "'); give -ProjectId to say which project gets the workflow."), ProjectId);
            }
            foreach (var item in Stage)
            {
                try
                {
                    _stages.Add(AngoWorkflowRules.StageFromPlain(PowerShellValues.ToPlain(item), "Stage"));
                }
                catch (LabelOpsException failure)
                {
                    ThrowTerminating(failure, item);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_projectId == null)
            {
                if (!MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId)))
                {
                    return;
                }
                _projectId = ProjectId; // an empty pipeline: still a request for an empty workflow, which is refused below
            }
            try
            {
                AngoWorkflowRules.Validate(_stages);
            }
            catch (LabelOpsException failure)
            {
                ThrowTerminating(failure, _projectId);
            }
            var description = string.Join(" → ", _stages.Select(s => s.Name));
            if (!ShouldProcess("Project " + _projectId, "Replace the workflow with " + _stages.Count + " stages (" + description + ")"))
            {
                return;
            }
            var projectId = _projectId;
            RunForItem(projectId, async (bridge, token) =>
            {
                var stored = await ClientFor(bridge).SetWorkflowAsync(projectId, _stages, token).ConfigureAwait(false);
                if (PassThru)
                {
                    foreach (var stage in stored) bridge.WriteObject(stage);
                }
            });
        }
    }
}
