using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// The data every area shares: assets and their labeling tasks. As in Ango Hub, adding an asset creates one
// task for it, waiting in the first stage after Start.
public sealed partial class AngoStore
{
    private readonly List<JsonObject> _assets = new();
    private readonly List<JsonObject> _tasks = new();

    /// <summary>Adds an asset and its task; returns both ids. Batches are batch ids.</summary>
    public (string AssetId, string TaskId) AddAsset(
        string projectId,
        string? externalId = null,
        string? data = null,
        IEnumerable<string>? batches = null,
        JsonObject? metadata = null,
        JsonObject? contextData = null)
    {
        lock (_gate)
        {
            var project = FindProject(projectId) ?? throw new KeyNotFoundException("No Ango project " + projectId);
            var assetId = Ids.NewId();
            var taskId = Ids.NewId();
            var now = Now();
            var batchIds = new JsonArray((batches ?? Array.Empty<string>()).Select(b => (JsonNode)JsonValue.Create(b)!).ToArray());
            var name = externalId ?? assetId + ".jpg";
            _assets.Add(new JsonObject
            {
                ["_id"] = assetId,
                ["project"] = projectId,
                ["externalId"] = name,
                ["data"] = data ?? "https://storage.example.test/" + projectId + "/" + name,
                ["batches"] = batchIds.DeepClone(),
                ["metadata"] = metadata?.DeepClone() ?? new JsonObject { ["width"] = 640, ["height"] = 480 },
                ["contextData"] = contextData?.DeepClone() ?? new JsonObject(),
                ["createdAt"] = now,
            });
            _tasks.Add(new JsonObject
            {
                ["_id"] = taskId,
                ["project"] = projectId,
                ["asset"] = assetId,
                ["externalId"] = name,
                ["stage"] = FirstWorkStageId(project),
                ["status"] = "TODO",
                ["assignee"] = null,
                ["batches"] = batchIds,
                ["priority"] = 0,
                ["answer"] = null,
                ["createdAt"] = now,
                ["updatedAt"] = now,
                ["completedAt"] = null,
                ["duration"] = 0,
            });
            project["assetCount"] = _assets.Count(a => (string?)a["project"] == projectId);
            return (assetId, taskId);
        }
    }

    /// <summary>Adds <paramref name="count"/> assets named asset-00000.jpg, asset-00001.jpg, … (for paging tests).</summary>
    public IReadOnlyList<string> AddAssets(string projectId, int count)
    {
        var taskIds = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            taskIds.Add(AddAsset(projectId, "asset-" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".jpg").TaskId);
        }
        return taskIds;
    }

    /// <summary>A copy of the task, or null.</summary>
    public JsonObject? GetTask(string taskId)
    {
        lock (_gate) return FindTask(taskId)?.DeepClone().AsObject();
    }

    /// <summary>Copies of the project's tasks, in creation order.</summary>
    public IReadOnlyList<JsonObject> GetTasks(string projectId)
    {
        lock (_gate) return _tasks.Where(t => (string?)t["project"] == projectId).Select(t => t.DeepClone().AsObject()).ToList();
    }

    /// <summary>A copy of the asset, or null.</summary>
    public JsonObject? GetAsset(string assetId)
    {
        lock (_gate) return _assets.FirstOrDefault(a => (string?)a["_id"] == assetId)?.DeepClone().AsObject();
    }

    public IReadOnlyList<JsonObject> GetAssets(string projectId)
    {
        lock (_gate) return _assets.Where(a => (string?)a["project"] == projectId).Select(a => a.DeepClone().AsObject()).ToList();
    }

    /// <summary>Changes a task in place for arranging tests, e.g. t =&gt; t["status"] = "Completed".</summary>
    public void UpdateTask(string taskId, Action<JsonObject> change)
    {
        lock (_gate)
        {
            change(FindTask(taskId) ?? throw new KeyNotFoundException("No Ango task " + taskId));
        }
    }

    /// <summary>The id of the stage with this name in the project's workflow, or null.</summary>
    public string? StageId(string projectId, string stageName)
    {
        lock (_gate)
        {
            return FindProject(projectId)?["stages"]?.AsArray().OfType<JsonObject>().FirstOrDefault(s => (string?)s["name"] == stageName)?["id"]?.GetValue<string>();
        }
    }

    private JsonObject? FindTask(string taskId) => _tasks.FirstOrDefault(t => (string?)t["_id"] == taskId);

    private static string? FirstWorkStageId(JsonObject project)
    {
        var stages = project["stages"]?.AsArray().OfType<JsonObject>().ToList() ?? new List<JsonObject>();
        var start = stages.FirstOrDefault(s => (string?)s["type"] == "Start");
        var next = start?["next"]?.AsArray().FirstOrDefault()?.GetValue<string>();
        return next ?? (string?)stages.FirstOrDefault()?["id"];
    }
}
