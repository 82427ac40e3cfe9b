using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// Simulated labeling team: tasks of the projects marked with SimulateWork move through the workflow by
// themselves, on the same clock and with the same delay as the simulated HITL workers (SimulatedWorkers calls
// AdvanceSimulatedWork on every tick). Only marked projects move, so tests that arrange tasks by hand never
// see them change under their feet.
public sealed partial class AngoStore
{
    private readonly HashSet<string> _simulatedProjects = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes the project's tasks advance by themselves (the account must simulate workers): every Labeler member
    /// of the project picks the oldest unassigned task waiting in a Label stage; an assigned task in a Label stage
    /// is labeled once it has waited the delay and goes to the next stage; a task in a Review stage is accepted
    /// after the delay; a task that reaches a Complete stage is Completed. Each stage left is recorded in the task
    /// history, as requeues are.
    /// </summary>
    public void SimulateWork(string projectId)
    {
        lock (_gate)
        {
            _ = FindProject(projectId) ?? throw new KeyNotFoundException("No Ango project " + projectId);
            _simulatedProjects.Add(projectId);
        }
    }

    internal void AdvanceSimulatedWork(TimeSpan delay)
    {
        lock (_gate)
        {
            if (_simulatedProjects.Count == 0) return;
            var now = _time.GetUtcNow();
            foreach (var project in _projects.Where(p => _simulatedProjects.Contains((string)p["_id"]!)))
            {
                AdvanceProject(project, now, delay);
            }
        }
    }

    private void AdvanceProject(JsonObject project, DateTimeOffset now, TimeSpan delay)
    {
        var projectId = (string)project["_id"]!;
        var stages = project["stages"]?.AsArray().OfType<JsonObject>().ToDictionary(s => (string)s["id"]!, StringComparer.Ordinal)
            ?? new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var members = project["assignedTo"]?.AsArray().OfType<JsonObject>().ToList() ?? new List<JsonObject>();
        var labelers = members.Where(m => (string?)m["role"] == "Labeler").Select(m => (string?)m["assignee"]).OfType<string>().ToList();
        var reviewer = members.Where(m => (string?)m["role"] == "Reviewer").Concat(members.Where(m => (string?)m["role"] == "Lead"))
            .Select(m => (string?)m["assignee"]).OfType<string>().FirstOrDefault() ?? "owner@example.test";
        var tasks = _tasks.Where(t => (string?)t["project"] == projectId && (string?)t["status"] == "TODO").ToList();
        var stamp = AngoResults.FormatDate(now);

        foreach (var task in tasks)
        {
            if (!stages.TryGetValue((string?)task["stage"] ?? string.Empty, out var stage) || !HasWaited(task, now, delay)) continue;
            var type = (string?)stage["type"];
            if (type == "Label" && task["assignee"] is JsonValue)
            {
                task["answer"] ??= SimulatedAnswer(project, task);
                task["duration"] = 20 + (StableNumber((string)task["_id"]!) % 70);
                Advance(project, task, stage, stages, stamp);
            }
            else if (type == "Review")
            {
                var labeler = task["assignee"]?.DeepClone();
                task["assignee"] = reviewer;
                Advance(project, task, stage, stages, stamp);
                task["assignee"] = labeler;
            }
        }

        // Free labelers take the next task waiting in a Label stage, oldest first.
        foreach (var labeler in labelers)
        {
            var busy = tasks.Any(t => (string?)t["status"] == "TODO" && string.Equals((string?)t["assignee"], labeler, StringComparison.OrdinalIgnoreCase)
                && stages.TryGetValue((string?)t["stage"] ?? string.Empty, out var s) && (string?)s["type"] == "Label");
            if (busy) continue;
            var next = tasks.FirstOrDefault(t => (string?)t["status"] == "TODO" && t["assignee"] is null
                && stages.TryGetValue((string?)t["stage"] ?? string.Empty, out var s) && (string?)s["type"] == "Label");
            if (next is null) break;
            next["assignee"] = labeler;
            next["updatedAt"] = stamp;
        }
    }

    /// <summary>Leaves the stage for its first next stage; a Complete stage completes the task.</summary>
    private void Advance(JsonObject project, JsonObject task, JsonObject stage, Dictionary<string, JsonObject> stages, string now)
    {
        var nextId = stage["next"]?.AsArray().Select(n => (string?)n).FirstOrDefault(n => n is not null && stages.ContainsKey(n));
        if (nextId is null) return;
        RecordStageExit(project, task, now);
        task["stage"] = nextId;
        task["updatedAt"] = now;
        if ((string?)stages[nextId]["type"] == "Complete")
        {
            task["status"] = "Completed";
            task["completedAt"] = now;
        }
    }

    private static bool HasWaited(JsonObject task, DateTimeOffset now, TimeSpan delay) =>
        task["updatedAt"] is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var updated)
        && now - updated >= delay;

    /// <summary>One to three objects of the project's tools and one answer per classification, stable per task.</summary>
    internal static JsonObject SimulatedAnswer(JsonObject project, JsonObject task)
    {
        var seed = StableNumber((string?)task["_id"] ?? string.Empty);
        var tools = project["categorySchema"]?["tools"]?.AsArray().OfType<JsonObject>().ToList() ?? new List<JsonObject>();
        var objects = new JsonArray();
        for (var i = 0; tools.Count > 0 && i < 1 + (seed % 3); i++)
        {
            var tool = tools[(seed + i) % tools.Count];
            objects.Add(new JsonObject
            {
                ["objectId"] = Ids.NewId(),
                ["schemaId"] = tool["schemaId"]?.DeepClone(),
                ["title"] = tool["title"]?.DeepClone(),
                ["bounding-box"] = new JsonObject { ["x"] = 40 + (seed + 17 * i) % 400, ["y"] = 30 + (seed + 29 * i) % 300, ["width"] = 60 + i * 10, ["height"] = 40 + i * 8 },
            });
        }
        var classifications = new JsonArray();
        foreach (var classification in project["categorySchema"]?["classifications"]?.AsArray().OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
        {
            var options = classification["options"]?.AsArray().OfType<JsonObject>().ToList() ?? new List<JsonObject>();
            classifications.Add(new JsonObject
            {
                ["schemaId"] = classification["schemaId"]?.DeepClone(),
                ["title"] = classification["title"]?.DeepClone(),
                ["answer"] = options.Count == 0 ? null : options[seed % options.Count]["value"]?.DeepClone(),
            });
        }
        return new JsonObject { ["objects"] = objects, ["classifications"] = classifications, ["relations"] = new JsonArray() };
    }

    private static int StableNumber(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash & 0x7fffffff;
    }
}
