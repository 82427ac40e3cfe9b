using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// Issues raised on tasks (GET/POST /issues, DELETE /issues/{id}).
public sealed partial class AngoStore
{
    private readonly List<JsonObject> _issues = new();

    /// <summary>Adds an issue on a task (for arranging tests); returns its id.</summary>
    public string AddIssue(string taskId, string content = "Please check", string status = "Open", string? assignee = null, string createdBy = "owner@example.test", string? title = null, string? position = null)
    {
        lock (_gate)
        {
            var task = FindTask(taskId) ?? throw new KeyNotFoundException("No Ango task " + taskId);
            return CreateIssueLocked(task, content, position, title, status, assignee, createdBy)["_id"]!.GetValue<string>();
        }
    }

    /// <summary>Copies of every issue, in creation order.</summary>
    public IReadOnlyList<JsonObject> GetIssues()
    {
        lock (_gate) return _issues.Select(i => i.DeepClone().AsObject()).ToList();
    }

    internal List<JsonObject> FindIssues(string? projectId, string? taskId, string? status, string? assignee, string? createdBy)
    {
        lock (_gate)
        {
            return _issues.Where(i =>
                    (projectId is null || (string?)i["project"] == projectId)
                    && (taskId is null || (string?)i["labelTask"] == taskId)
                    && (status is null || string.Equals((string?)i["status"], status, StringComparison.OrdinalIgnoreCase))
                    && (assignee is null || (string?)i["assignee"] == assignee)
                    && (createdBy is null || (string?)i["createdBy"] == createdBy))
                .Select(i => i.DeepClone().AsObject())
                .ToList();
        }
    }

    /// <summary>Creates an issue as POST /issues does; null when there is no such task.</summary>
    internal JsonObject? CreateIssue(string taskId, string content, string? position, string? title)
    {
        lock (_gate)
        {
            var task = FindTask(taskId);
            return task is null ? null : CreateIssueLocked(task, content, position, title, "Open", null, "owner@example.test").DeepClone().AsObject();
        }
    }

    internal JsonObject? DeleteIssue(string issueId)
    {
        lock (_gate)
        {
            var issue = _issues.FirstOrDefault(i => (string?)i["_id"] == issueId);
            if (issue is null) return null;
            _issues.Remove(issue);
            return issue;
        }
    }

    private JsonObject CreateIssueLocked(JsonObject task, string content, string? position, string? title, string status, string? assignee, string createdBy)
    {
        var now = Now();
        var issue = new JsonObject
        {
            ["_id"] = Ids.NewId(),
            ["title"] = title ?? string.Empty,
            ["content"] = content,
            ["project"] = task["project"]?.DeepClone(),
            ["asset"] = task["asset"]?.DeepClone(),
            ["labelTask"] = task["_id"]!.DeepClone(),
            ["status"] = status,
            ["createdBy"] = createdBy,
            ["assignee"] = assignee,
            ["position"] = position,
            ["comments"] = new JsonArray(),
            ["createdAt"] = now,
            ["updatedAt"] = now,
        };
        _issues.Add(issue);
        return issue;
    }
}
