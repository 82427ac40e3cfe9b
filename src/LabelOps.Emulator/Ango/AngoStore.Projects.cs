using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// Projects as code: project settings updates, members, instructions and the statistics Ango computes.
public sealed partial class AngoStore
{
    public static readonly IReadOnlyList<string> ProjectMemberRoles = new[] { "Manager", "Lead", "Reviewer", "Labeler" };

    public static readonly IReadOnlyList<string> OverviewMetrics = new[]
    {
        "LabelStageGroups", "TimePerTask", "AnnotationStatus", "AnswerDistribution", "ConsensusRanges", "AssetSize",
    };

    private readonly Dictionary<string, AngoInstructionsFile> _instructions = new();

    /// <summary>
    /// Applies a POST /project/{id} body: any subset of settings; categorySchema and stages replace what was there.
    /// Returns the updated project, null when there is no such project, or the validation message.
    /// </summary>
    internal (JsonObject? Project, string? Error) UpdateProject(string projectId, JsonObject changes)
    {
        var error = ValidateSettings(changes, creating: false);
        if (error is not null)
        {
            return (null, error);
        }
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null)
            {
                return (null, null);
            }
            foreach (var (name, value) in changes)
            {
                if (name is "_id" or "organization" or "owner" or "createdAt" or "assetCount")
                {
                    continue; // read-only
                }
                project[name] = value?.DeepClone();
            }
            project["updatedAt"] = Now();
            return (project.DeepClone().AsObject(), null);
        }
    }

    /// <summary>Checks a create or update body as the service would: a non-empty name, a categorySchema of three lists, a workflow with exactly one Start.</summary>
    internal static string? ValidateSettings(JsonObject body, bool creating)
    {
        if (creating || body.ContainsKey("name"))
        {
            if (body["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
            {
                return "\"name\" is required and must be a non-empty string";
            }
        }
        if (body.ContainsKey("categorySchema"))
        {
            if (body["categorySchema"] is not JsonObject schema)
            {
                return "\"categorySchema\" must be an object";
            }
            foreach (var list in new[] { "tools", "classifications", "relations" })
            {
                if (schema.ContainsKey(list) && schema[list] is not JsonArray)
                {
                    return "\"categorySchema." + list + "\" must be an array";
                }
            }
        }
        if (body.ContainsKey("stages"))
        {
            if (body["stages"] is not JsonArray stages || stages.Count == 0)
            {
                return "\"stages\" must be a non-empty array";
            }
            var objects = stages.OfType<JsonObject>().ToList();
            if (objects.Count != stages.Count || objects.Any(s => string.IsNullOrEmpty((string?)s["id"])))
            {
                return "every stage needs an \"id\"";
            }
            if (objects.Count(s => (string?)s["type"] == "Start") != 1)
            {
                return "workflow must have exactly one Start stage";
            }
            var ids = objects.Select(s => (string)s["id"]!).ToHashSet(StringComparer.Ordinal);
            foreach (var stage in objects)
            {
                foreach (var next in stage["next"] as JsonArray ?? new JsonArray())
                {
                    if (next is not JsonValue v || !v.TryGetValue<string>(out var target) || !ids.Contains(target))
                    {
                        return "stage \"" + (string?)stage["name"] + "\" points to an unknown stage";
                    }
                }
            }
        }
        return null;
    }

    /// <summary>Adds members to the project (assignedTo) or changes the role of those already in it; null when there is no such project.</summary>
    internal JsonObject? AddProjectMembers(string projectId, IEnumerable<string> emails, string role)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null)
            {
                return null;
            }
            var assigned = project["assignedTo"] as JsonArray ?? new JsonArray();
            project["assignedTo"] = assigned;
            foreach (var email in emails)
            {
                var existing = assigned.OfType<JsonObject>().FirstOrDefault(a => string.Equals((string?)a["assignee"], email, StringComparison.OrdinalIgnoreCase));
                if (existing is not null)
                {
                    existing["role"] = role;
                }
                else
                {
                    assigned.Add(new JsonObject { ["assignee"] = email, ["role"] = role });
                }
            }
            project["updatedAt"] = Now();
            return project.DeepClone().AsObject();
        }
    }

    /// <summary>Keeps the uploaded file and points project.instructions at it; null when there is no such project.</summary>
    internal JsonObject? SetInstructions(string projectId, string fileName, string? contentType, byte[] content)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null)
            {
                return null;
            }
            var url = "https://storage.example.test/" + projectId + "/instructions/" + Uri.EscapeDataString(fileName);
            _instructions[projectId] = new AngoInstructionsFile(fileName, contentType, content, url);
            project["instructions"] = url;
            project["updatedAt"] = Now();
            return project.DeepClone().AsObject();
        }
    }

    /// <summary>The last instructions file uploaded to the project, or null.</summary>
    public AngoInstructionsFile? GetInstructionsFile(string projectId)
    {
        lock (_gate) return _instructions.TryGetValue(projectId, out var file) ? file : null;
    }

    /// <summary>
    /// POST /performance/{projectId}: per-user figures from the project's tasks (users are task assignees), for
    /// tasks updated within [startDate, endDate] and, when given, only the listed users.
    /// </summary>
    internal JsonObject? Performance(string projectId, DateTimeOffset? start, DateTimeOffset? end, IReadOnlyCollection<string>? users)
    {
        if (GetProject(projectId) is null)
        {
            return null;
        }
        var tasks = GetTasks(projectId)
            .Where(t => t["assignee"] is JsonValue)
            .Where(t => IsUpdatedWithin(t["updatedAt"], start, end))
            .ToList();
        var rows = new JsonArray();
        foreach (var group in tasks.GroupBy(t => (string)t["assignee"]!, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (users is { Count: > 0 } && !users.Contains(group.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            var completed = group.Where(t => (string?)t["status"] == "Completed").ToList();
            var seconds = completed.Sum(t => StatisticNumber(t["duration"]));
            rows.Add(new JsonObject
            {
                ["email"] = group.Key,
                ["assignedTasks"] = group.Count(),
                ["completedTasks"] = completed.Count,
                ["totalDuration"] = seconds,
                ["averageDuration"] = completed.Count == 0 ? 0 : Math.Round(seconds / completed.Count, 2),
            });
        }
        return new JsonObject { ["performance"] = new JsonObject { ["users"] = rows } };
    }

    /// <summary>GET /{projectId}/overview/{metric}: the figures of the project's overview page, computed from its tasks and assets.</summary>
    internal JsonObject? Overview(string projectId, string metric)
    {
        var project = GetProject(projectId);
        if (project is null)
        {
            return null;
        }
        var tasks = GetTasks(projectId);
        var stages = project["stages"]?.AsArray().OfType<JsonObject>().ToList() ?? new List<JsonObject>();
        switch (metric)
        {
            case "LabelStageGroups":
                return new JsonObject
                {
                    ["stages"] = new JsonArray(stages.Select(s => (JsonNode)new JsonObject
                    {
                        ["stageId"] = (string?)s["id"],
                        ["name"] = (string?)s["name"],
                        ["type"] = (string?)s["type"],
                        ["count"] = tasks.Count(t => (string?)t["stage"] == (string?)s["id"]),
                    }).ToArray()),
                };
            case "AnnotationStatus":
                return new JsonObject
                {
                    ["statuses"] = new JsonArray(tasks.GroupBy(t => (string?)t["status"] ?? "TODO").OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => (JsonNode)new JsonObject { ["status"] = g.Key, ["count"] = g.Count() }).ToArray()),
                };
            case "TimePerTask":
                var done = tasks.Where(t => (string?)t["status"] == "Completed").Select(t => StatisticNumber(t["duration"])).ToList();
                return new JsonObject
                {
                    ["completedTasks"] = done.Count,
                    ["totalDuration"] = done.Sum(),
                    ["averageDuration"] = done.Count == 0 ? 0 : Math.Round(done.Average(), 2),
                };
            case "AssetSize":
                var assets = GetAssets(projectId);
                return new JsonObject
                {
                    ["assets"] = new JsonArray(assets.GroupBy(a => StatisticNumber(a["metadata"]?["width"]).ToString(CultureInfo.InvariantCulture) + "x" + StatisticNumber(a["metadata"]?["height"]).ToString(CultureInfo.InvariantCulture))
                        .OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => (JsonNode)new JsonObject { ["size"] = g.Key, ["count"] = g.Count() }).ToArray()),
                };
            case "AnswerDistribution":
                var answered = tasks.Where(t => t["answer"] is JsonObject).ToList();
                var classes = answered.SelectMany(t => (t["answer"]?["objects"] as JsonArray ?? new JsonArray()).OfType<JsonObject>())
                    .GroupBy(o => (string?)o["title"] ?? (string?)o["schemaId"] ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal);
                return new JsonObject
                {
                    ["answers"] = new JsonArray(classes.Select(g => (JsonNode)new JsonObject { ["title"] = g.Key, ["count"] = g.Count() }).ToArray()),
                };
            case "ConsensusRanges":
                return new JsonObject { ["ranges"] = new JsonArray() };
            default:
                return null;
        }
    }

    private static bool IsUpdatedWithin(JsonNode? date, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is null && end is null)
        {
            return true;
        }
        if (date is not JsonValue value || !value.TryGetValue<string>(out var text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            return false;
        }
        return (start is null || when >= start) && (end is null || when <= end);
    }

    private static double StatisticNumber(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number
        : node is JsonValue other && other.TryGetValue<int>(out var whole) ? whole
        : node is JsonValue longValue && longValue.TryGetValue<long>(out var big) ? big
        : 0;
}
