using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

/// <summary>
/// One account's Ango Hub organisation: projects and everything in them, kept as JSON documents in the
/// service's own shape. One partial file per area (AngoStore.Tasks.cs, …); every read and change happens
/// under one lock, so tests may run in parallel.
/// </summary>
public sealed partial class AngoStore
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly List<JsonObject> _projects = new();

    internal AngoStore(TimeProvider time)
    {
        _time = time;
        OrganizationId = Ids.NewId();
    }

    /// <summary>The account's organisation id (organisation routes take it in their path).</summary>
    public string OrganizationId { get; }

    /// <summary>Adds a project with the default workflow Start → Label → Complete; returns its id.</summary>
    public string AddProject(string name = "Project", string? description = null, JsonObject? categorySchema = null, JsonArray? stages = null)
    {
        var id = Ids.NewId();
        var now = Now();
        var project = new JsonObject
        {
            ["_id"] = id,
            ["name"] = name,
            ["description"] = description ?? string.Empty,
            ["type"] = "ango",
            ["owner"] = "owner@example.test",
            ["organization"] = OrganizationId,
            ["categorySchema"] = categorySchema?.DeepClone() ?? new JsonObject { ["tools"] = new JsonArray(), ["classifications"] = new JsonArray(), ["relations"] = new JsonArray() },
            ["stages"] = stages?.DeepClone() ?? DefaultStages(),
            ["assignedTo"] = new JsonArray(),
            ["batches"] = new JsonArray(),
            ["assetCount"] = 0,
            ["createdAt"] = now,
            ["updatedAt"] = now,
        };
        lock (_gate)
        {
            _projects.Add(project);
        }
        return id;
    }

    /// <summary>A copy of the project as GET /project/{id} shows it, or null.</summary>
    public JsonObject? GetProject(string projectId)
    {
        lock (_gate)
        {
            return FindProject(projectId)?.DeepClone().AsObject();
        }
    }

    public int ProjectCount
    {
        get
        {
            lock (_gate) return _projects.Count;
        }
    }

    /// <summary>The list view of every project (the fields /listProjects returns).</summary>
    internal List<JsonObject> ProjectListItems()
    {
        lock (_gate)
        {
            return _projects.Select(p => new JsonObject
            {
                ["_id"] = p["_id"]!.DeepClone(),
                ["name"] = p["name"]?.DeepClone(),
                ["description"] = p["description"]?.DeepClone(),
                ["organization"] = p["organization"]?.DeepClone(),
                ["createdAt"] = p["createdAt"]?.DeepClone(),
            }).ToList();
        }
    }

    /// <summary>Runs <paramref name="action"/> on the live project under the lock; null when there is no such project.</summary>
    internal T? WithProject<T>(string projectId, Func<JsonObject, T> action) where T : class
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            return project is null ? null : action(project);
        }
    }

    internal string Now() => AngoResults.FormatDate(_time.GetUtcNow());

    private JsonObject? FindProject(string projectId) => _projects.FirstOrDefault(p => (string?)p["_id"] == projectId);

    private static JsonArray DefaultStages()
    {
        var start = Ids.NewId();
        var label = Ids.NewId();
        var complete = Ids.NewId();
        return new JsonArray(
            new JsonObject { ["id"] = start, ["name"] = "Start", ["type"] = "Start", ["next"] = new JsonArray(label), ["autoForward"] = false, ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } },
            new JsonObject { ["id"] = label, ["name"] = "Label", ["type"] = "Label", ["next"] = new JsonArray(complete), ["assignedTo"] = new JsonArray(), ["position"] = new JsonObject { ["x"] = 300, ["y"] = 0 } },
            new JsonObject { ["id"] = complete, ["name"] = "Complete", ["type"] = "Complete", ["next"] = new JsonArray(), ["position"] = new JsonObject { ["x"] = 600, ["y"] = 0 } });
    }
}
