using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// The tasks of a project (streamed page by page, filtered by the service), or tasks by id. Stage and batch
    /// names resolve to ids with one project read, which also names each task's stage.
    /// </summary>
    // No default parameter set (the name matches none): with ListSet as the default, PowerShell bound piped tasks
    // (ProjectId and TaskId) to the listing and dropped their TaskId; with ByIdSet, a piped project failed for want of
    // a TaskId. Undecided, it picks the set from what the piped object carries, and a plain -ProjectId still lists.
    [Cmdlet(VerbsCommon.Get, "AngoTask", DefaultParameterSetName = "FromInput")]
    [OutputType(typeof(AngoTask))]
    public sealed class GetAngoTask : AngoListOrByIdCmdlet
    {
        // Projects already read by this command (by-id reads with -ProjectId), so a pipeline of ids reads each project once.
        private readonly Dictionary<string, AngoProject> _projects = new Dictionary<string, AngoProject>(StringComparer.Ordinal);

        [Parameter(ParameterSetName = ListSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string[] TaskId { get; set; } = new string[0];

        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("TODO", "Completed")]
        public string? Status { get; set; }

        /// <summary>A stage name (as shown in Ango Hub) or id.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoStageNameCompleter))]
        public string? Stage { get; set; }

        /// <summary>Batch names or ids; a task must be in all of them.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoBatchNameCompleter))]
        public string[]? Batch { get; set; }

        /// <summary>The assignee's email.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Assignee { get; set; }

        /// <summary>Also read each task's annotations (Answer). Without it the service is asked to leave them out.</summary>
        [Parameter]
        public SwitchParameter IncludeAnswer { get; set; }

        /// <summary>Sort field; a leading '-' sorts descending. The service's default is -createdAt.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public string? Sort { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                var projectId = ProjectId;
                RunForItem(projectId, async (bridge, token) =>
                {
                    var client = ClientFor(bridge);
                    var resolver = new AngoNameResolver(client, projectId);
                    var stageIds = await resolver.StageIdsAsync(Stage == null ? null : new[] { Stage }, token).ConfigureAwait(false);
                    var query = new AngoTaskQuery
                    {
                        Status = CanonicalStatus(Status),
                        StageId = stageIds.FirstOrDefault(),
                        BatchIds = await resolver.BatchIdsAsync(Batch, token).ConfigureAwait(false),
                        Assignee = Assignee,
                        IncludeAnswer = IncludeAnswer,
                    };
                    var stageNames = await resolver.StageNamesAsync(token).ConfigureAwait(false);
                    await StreamAsync(
                        bridge,
                        "Reading Ango tasks of project " + projectId,
                        (range, onTotal, ct) => Named(client.ListTasksAsync(projectId, query, Sort, range, onTotal, ct), stageNames),
                        token).ConfigureAwait(false);
                });
                return;
            }

            var knownProject = string.IsNullOrEmpty(ProjectId) ? null : ProjectId;
            foreach (var id in TaskId)
            {
                RunForItem(id, async (bridge, token) =>
                {
                    var client = ClientFor(bridge);
                    IReadOnlyDictionary<string, string>? stageNames = null;
                    if (!string.IsNullOrEmpty(knownProject))
                    {
                        if (!_projects.TryGetValue(knownProject!, out var project))
                        {
                            project = await client.GetProjectAsync(knownProject!, token).ConfigureAwait(false);
                            _projects[knownProject!] = project;
                        }
                        stageNames = AngoNameResolver.StageNames(project);
                    }
                    var task = await client.GetTaskAsync(id, IncludeAnswer, token).ConfigureAwait(false);
                    if (stageNames != null && task.ProjectId == knownProject) AngoNameResolver.NameStage(task, stageNames);
                    bridge.WriteObject(task);
                });
            }
        }

        /// <summary>ValidateSet accepts any casing; the service wants its own.</summary>
        internal static string? CanonicalStatus(string? status) =>
            status == null ? null : string.Equals(status, "todo", StringComparison.OrdinalIgnoreCase) ? "TODO" : "Completed";

        private static async IAsyncEnumerable<AngoTask> Named(IAsyncEnumerable<AngoTask> tasks, IReadOnlyDictionary<string, string> stageNames)
        {
            await foreach (var task in tasks.ConfigureAwait(false))
            {
                yield return AngoNameResolver.NameStage(task, stageNames);
            }
        }
    }
}
