using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// Tasks: filtered listing, assignment, requeue with stage history, webhook reruns and label import.
public sealed partial class AngoStore
{
    private readonly List<JsonObject> _taskHistory = new();
    private readonly List<(string ProjectId, string StageId)> _webhookReruns = new();

    /// <summary>Adds a batch to the project (for arranging task tests); returns its id.</summary>
    public string AddTaskBatch(string projectId, string name)
    {
        lock (_gate)
        {
            var project = FindProject(projectId) ?? throw new KeyNotFoundException("No Ango project " + projectId);
            var id = Ids.NewId();
            project["batches"]!.AsArray().Add(new JsonObject { ["_id"] = id, ["name"] = name, ["description"] = string.Empty, ["color"] = "#3366ff" });
            return id;
        }
    }

    /// <summary>Copies of the stage-history records of a task, oldest first.</summary>
    public IReadOnlyList<JsonObject> GetTaskHistory(string taskId)
    {
        lock (_gate) return _taskHistory.Where(h => (string?)h["task"] == taskId).Select(h => h.DeepClone().AsObject()).ToList();
    }

    /// <summary>Every webhook rerun the API was asked for, in order.</summary>
    public IReadOnlyList<(string ProjectId, string StageId)> WebhookReruns
    {
        get
        {
            lock (_gate) return _webhookReruns.ToList();
        }
    }

    /// <summary>Copies of the project's tasks that pass every given filter (batches: the task is in all of them); null when there is no such project.</summary>
    internal List<JsonObject>? QueryTasks(string projectId, string? status, string? stageId, IReadOnlyCollection<string>? batchIds, string? assignee)
    {
        lock (_gate)
        {
            if (FindProject(projectId) is null) return null;
            return _tasks
                .Where(t => (string?)t["project"] == projectId)
                .Where(t => status is null || (string?)t["status"] == status)
                .Where(t => stageId is null || (string?)t["stage"] == stageId)
                .Where(t => assignee is null || string.Equals((string?)t["assignee"], assignee, StringComparison.OrdinalIgnoreCase))
                .Where(t => batchIds is null || batchIds.All(b => TaskBatchIds(t).Contains(b)))
                .Select(t => t.DeepClone().AsObject())
                .ToList();
        }
    }

    /// <summary>Assigns the tasks that wait in the stage; returns how many changed, or an error message.</summary>
    internal (int Assigned, string? Error, bool ProjectMissing) AssignTasks(string projectId, IReadOnlyList<string> taskIds, string stageId, string email)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null) return (0, null, true);
            if (FindWorkflowStage(project, stageId) is null) return (0, "Stage " + stageId + " not found in project", false);
            var tasks = new List<JsonObject>();
            foreach (var id in taskIds)
            {
                var task = FindTask(id);
                if (task is null || (string?)task["project"] != projectId) return (0, "Task " + id + " not found in project", false);
                tasks.Add(task);
            }
            var assigned = 0;
            foreach (var task in tasks.Where(t => (string?)t["stage"] == stageId))
            {
                task["assignee"] = email;
                task["updatedAt"] = Now();
                assigned++;
            }
            return (assigned, null, false);
        }
    }

    /// <summary>Requeues the matching tasks to a stage, recording the stage each one leaves; returns the count or an error.</summary>
    internal (int Modified, string? Error, bool ProjectMissing) RequeueTasks(
        string projectId,
        string toStageId,
        IReadOnlyCollection<string>? taskIds,
        IReadOnlyCollection<string>? externalIds,
        IReadOnlyCollection<string>? assetIds,
        IReadOnlyCollection<string>? batchIds,
        IReadOnlyCollection<string>? fromStageIds,
        bool removeAnnotations,
        bool removeAssignee,
        bool removeStageHistory)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null) return (0, null, true);
            if (FindWorkflowStage(project, toStageId) is null) return (0, "Stage " + toStageId + " not found in project", false);
            foreach (var stage in fromStageIds ?? Array.Empty<string>())
            {
                if (FindWorkflowStage(project, stage) is null) return (0, "Stage " + stage + " not found in project", false);
            }
            var matching = _tasks
                .Where(t => (string?)t["project"] == projectId)
                .Where(t => taskIds is null || taskIds.Contains((string?)t["_id"] ?? string.Empty))
                .Where(t => externalIds is null || externalIds.Contains((string?)t["externalId"] ?? string.Empty))
                .Where(t => assetIds is null || assetIds.Contains((string?)t["asset"] ?? string.Empty))
                .Where(t => batchIds is null || batchIds.Any(b => TaskBatchIds(t).Contains(b)))
                .Where(t => fromStageIds is null || fromStageIds.Contains((string?)t["stage"] ?? string.Empty))
                .ToList();
            var now = Now();
            foreach (var task in matching)
            {
                var taskId = (string)task["_id"]!;
                if (removeStageHistory)
                {
                    _taskHistory.RemoveAll(h => (string?)h["task"] == taskId);
                }
                else
                {
                    RecordStageExit(project, task, now);
                }
                task["stage"] = toStageId;
                task["status"] = "TODO";
                task["completedAt"] = null;
                task["updatedAt"] = now;
                if (removeAssignee) task["assignee"] = null;
                if (removeAnnotations) task["answer"] = null;
            }
            return (matching.Count, null, false);
        }
    }

    internal JsonObject? GetHistoryEntry(string historyId)
    {
        lock (_gate) return _taskHistory.FirstOrDefault(h => (string?)h["_id"] == historyId)?.DeepClone().AsObject();
    }

    /// <summary>Logs a webhook rerun; the stage must be a Webhook stage of the project.</summary>
    internal (string? Error, bool ProjectMissing) RerunWebhook(string projectId, string stageId)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null) return (null, true);
            var stage = FindWorkflowStage(project, stageId);
            if (stage is null) return ("Stage " + stageId + " not found in project", false);
            if ((string?)stage["type"] != "Webhook") return ("Stage " + stageId + " is not a Webhook stage", false);
            _webhookReruns.Add((projectId, stageId));
            return (null, false);
        }
    }

    /// <summary>
    /// Sets the answers of the tasks the records name (by assetId or externalId) and marks them Completed;
    /// returns how many records matched a task.
    /// </summary>
    internal (int Labeled, bool ProjectMissing) ImportLabels(string projectId, IReadOnlyList<JsonObject> records)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null) return (0, true);
            var labeled = 0;
            var now = Now();
            foreach (var record in records)
            {
                var assetId = (string?)record["assetId"];
                var externalId = (string?)record["externalId"];
                var task = _tasks.FirstOrDefault(t => (string?)t["project"] == projectId
                    && ((assetId is not null && (string?)t["asset"] == assetId) || (assetId is null && externalId is not null && (string?)t["externalId"] == externalId)));
                if (task is null) continue;
                var answer = record["answer"]?.DeepClone() ?? new JsonObject
                {
                    ["objects"] = record["objects"]?.DeepClone() ?? new JsonArray(),
                    ["classifications"] = record["classifications"]?.DeepClone() ?? new JsonArray(),
                    ["relations"] = record["relations"]?.DeepClone() ?? new JsonArray(),
                };
                task["answer"] = answer;
                task["status"] = "Completed";
                task["completedAt"] = now;
                task["updatedAt"] = now;
                labeled++;
            }
            return (labeled, false);
        }
    }

    private void RecordStageExit(JsonObject project, JsonObject task, string now)
    {
        var stageId = (string?)task["stage"];
        _taskHistory.Add(new JsonObject
        {
            ["_id"] = Ids.NewId(),
            ["task"] = task["_id"]!.DeepClone(),
            ["project"] = project["_id"]!.DeepClone(),
            ["stageId"] = stageId,
            ["stage"] = stageId is null ? null : (string?)FindWorkflowStage(project, stageId)?["name"],
            ["completedBy"] = task["assignee"]?.DeepClone(),
            ["completedAt"] = now,
            ["createdAt"] = now,
            ["duration"] = task["duration"]?.DeepClone() ?? 0,
            ["answer"] = task["answer"]?.DeepClone(),
        });
    }

    private static JsonObject? FindWorkflowStage(JsonObject project, string stageId) =>
        project["stages"]?.AsArray().OfType<JsonObject>().FirstOrDefault(s => (string?)s["id"] == stageId);

    private static IEnumerable<string> TaskBatchIds(JsonObject task) =>
        task["batches"]?.AsArray().Select(b => b?.GetValue<string>() ?? string.Empty) ?? Enumerable.Empty<string>();
}
