using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Lets users name stages and batches as they see them in Ango Hub ("Review", "Week 12") while the API wants
    /// ids. A value that is already an id of the project passes through; a name is looked up in the project
    /// (one GET /project/{id} per resolver); anything else is an InvalidArgument error naming what exists.
    /// </summary>
    internal sealed class AngoNameResolver
    {
        private readonly AngoClient _client;
        private readonly string _projectId;
        private AngoProject? _project;

        public AngoNameResolver(AngoClient client, string projectId)
        {
            _client = client;
            _projectId = projectId;
        }

        public async Task<AngoProject> ProjectAsync(CancellationToken cancellationToken) =>
            _project ??= await _client.GetProjectAsync(_projectId, cancellationToken).ConfigureAwait(false);

        public async Task<IReadOnlyList<string>> StageIdsAsync(IEnumerable<string>? stages, CancellationToken cancellationToken)
        {
            var wanted = stages?.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
            if (wanted == null || wanted.Count == 0) return Array.Empty<string>();
            var project = await ProjectAsync(cancellationToken).ConfigureAwait(false);
            var known = (project.Stages ?? Array.Empty<AngoStage>()).Select(s => (s.StageId, s.Name)).ToList();
            return wanted.Select(w => Resolve(w, known, "stage")).ToList();
        }

        public async Task<IReadOnlyList<string>> BatchIdsAsync(IEnumerable<string>? batches, CancellationToken cancellationToken)
        {
            var wanted = batches?.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
            if (wanted == null || wanted.Count == 0) return Array.Empty<string>();
            var project = await ProjectAsync(cancellationToken).ConfigureAwait(false);
            var known = (project.Batches ?? Array.Empty<AngoBatch>()).Select(b => (b.BatchId ?? string.Empty, b.Name)).ToList();
            return wanted.Select(w => Resolve(w, known, "batch")).ToList();
        }

        /// <summary>The project's stage names by stage id (from the same project read), to name the stage of a task.</summary>
        public async Task<IReadOnlyDictionary<string, string>> StageNamesAsync(CancellationToken cancellationToken) =>
            StageNames(await ProjectAsync(cancellationToken).ConfigureAwait(false));

        /// <summary>Stage id → stage name of <paramref name="project"/>.</summary>
        public static IReadOnlyDictionary<string, string> StageNames(AngoProject project)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var stage in project.Stages ?? Array.Empty<AngoStage>())
            {
                if (!string.IsNullOrEmpty(stage.StageId)) names[stage.StageId] = stage.Name;
            }
            return names;
        }

        /// <summary>Sets the task's stage name from its stage id, when <paramref name="stageNames"/> knows it.</summary>
        public static AngoTask NameStage(AngoTask task, IReadOnlyDictionary<string, string> stageNames)
        {
            if (task.StageId != null && stageNames.TryGetValue(task.StageId, out var name)) task.Stage = name;
            return task;
        }

        private string Resolve(string wanted, List<(string Id, string Name)> known, string what)
        {
            foreach (var item in known)
            {
                if (string.Equals(item.Id, wanted, StringComparison.Ordinal)) return item.Id;
            }
            var byName = known.Where(k => string.Equals(k.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
            if (byName.Count == 1) return byName[0].Id;
            if (byName.Count > 1)
            {
                throw LabelOpsException.InvalidArgument("Project " + _projectId + " has " + byName.Count + " " + what + "s named '" + wanted + "'; use the id.");
            }
            var names = known.Count == 0 ? "none" : string.Join(", ", known.Select(k => "'" + k.Name + "'"));
            throw LabelOpsException.InvalidArgument("Project " + _projectId + " has no " + what + " named '" + wanted + "' (it has: " + names + ").");
        }
    }
}
