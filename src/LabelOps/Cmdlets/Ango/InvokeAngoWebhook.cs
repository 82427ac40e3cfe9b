using System;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Asks Ango Hub to call a Webhook stage's webhook again (the SDK's rerun_webhook:
    /// POST /project/{id}/rerun-webhook with the stage id). The stage may be named; it must be a Webhook stage.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AngoWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AngoWebhookRun))]
    public sealed class InvokeAngoWebhook : AngoCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>The Webhook stage, by name or id (binds from a stage's StageId).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("StageId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoStageNameCompleter))]
        public string Stage { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var projectId = ProjectId;
            var stage = Stage;
            if (!ShouldProcess("Webhook stage '" + stage + "' of project " + projectId, "Rerun webhook"))
            {
                return;
            }
            RunForItem(stage, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var resolver = new AngoNameResolver(client, projectId);
                var stageId = (await resolver.StageIdsAsync(new[] { stage }, token).ConfigureAwait(false))[0];
                var project = await resolver.ProjectAsync(token).ConfigureAwait(false);
                var found = (project.Stages ?? new AngoStage[0]).First(s => s.StageId == stageId);
                if (found.Type != null && !string.Equals(found.Type, "Webhook", StringComparison.OrdinalIgnoreCase))
                {
                    var webhooks = (project.Stages ?? new AngoStage[0]).Where(s => string.Equals(s.Type, "Webhook", StringComparison.OrdinalIgnoreCase)).Select(s => "'" + s.Name + "'").ToList();
                    throw LabelOpsException.InvalidArgument(
                        "Stage '" + found.Name + "' of project " + projectId + " is a " + found.Type + " stage; only Webhook stages have a webhook to rerun (the project's Webhook stages: "
                        + (webhooks.Count == 0 ? "none" : string.Join(", ", webhooks)) + ").");
                }
                var response = await client.RerunWebhookAsync(projectId, stageId, token).ConfigureAwait(false);
                bridge.WriteObject(new AngoWebhookRun { ProjectId = projectId, Stage = found.Name, StageId = stageId, Response = response });
            });
        }
    }
}
