using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Ango;

// Tasks, as the SDK calls them: GET /project/{id}/tasks (status[eq], stage, batches as a JSON array of ids,
// assignee, includeAnswer), GET /task/{id}, POST /task/assign, POST /project/{id}/requeueTasks,
// GET /task/{id}/history, GET /taskHistory/{id}, POST /project/{id}/rerun-webhook, POST /import/labels.
internal static partial class AngoRoutes
{
    static partial void MapTasks(RouteGroupBuilder v2, EmulatorOptions options)
    {
        v2.MapGet("/project/{projectId}/tasks", ListTasks);
        v2.MapGet("/task/{taskId}", GetTask);
        v2.MapGet("/task/{taskId}/history", GetTaskHistory);
        v2.MapGet("/taskHistory/{historyId}", GetTaskHistoryEntry);
        v2.MapPost("/task/assign", (Func<HttpContext, Task<IResult>>)AssignTasksAsync);
        v2.MapPost("/project/{projectId}/requeueTasks", (Func<HttpContext, string, Task<IResult>>)RequeueTasksAsync);
        v2.MapPost("/project/{projectId}/rerun-webhook", (Func<HttpContext, string, Task<IResult>>)RerunWebhookAsync);
        v2.MapPost("/import/labels", (Func<HttpContext, Task<IResult>>)ImportLabelsAsync);
    }

    private static IResult ListTasks(HttpContext context, string projectId)
    {
        var (paging, invalid) = AngoPaging.Read(context.Request);
        if (invalid is not null) return invalid;
        var query = context.Request.Query;
        var status = TaskQueryValue(query, "status[eq]") ?? TaskQueryValue(query, "status");
        if (status is not null && status != "TODO" && status != "Completed")
        {
            return AngoResults.BadRequest("status must be TODO or Completed");
        }
        List<string>? batches = null;
        if (TaskQueryValue(query, "batches") is { } batchText)
        {
            try
            {
                batches = JsonSerializer.Deserialize<List<string>>(batchText);
            }
            catch (JsonException)
            {
                return AngoResults.BadRequest("batches must be a JSON array of batch ids");
            }
        }
        var stage = TaskQueryValue(query, "stage");
        var assignee = TaskQueryValue(query, "assignee");
        var tasks = Store(context).QueryTasks(projectId, status, stage, batches, assignee);
        if (tasks is null) return AngoResults.NotFound("Project");
        var includeAnswer = string.Equals(TaskQueryValue(query, "includeAnswer"), "true", StringComparison.OrdinalIgnoreCase);
        if (!includeAnswer) tasks.ForEach(t => t.Remove("answer"));
        var generated = status is null && stage is null && batches is null && assignee is null ? Store(context).GeneratedTasks(projectId) : default;
        var page = paging.Apply(tasks, out var total);
        if (generated.Count > 0)
        {
            // Synthetic tasks follow the real ones: only this page's slice of them is made.
            var first = (long)(paging.Page - 1) * paging.Limit - total;
            for (var i = Math.Max(0L, first); page.Count < paging.Limit && i < generated.Count; i++)
            {
                page.Add(AngoStore.GeneratedTask(projectId, generated.StageId, (int)i));
            }
            total += generated.Count;
        }
        return AngoResults.Success(new JsonObject { ["tasks"] = page, ["total"] = total });
    }

    private static IResult GetTask(HttpContext context, string taskId)
    {
        var task = Store(context).GetTask(taskId);
        if (task is null) return AngoResults.NotFound("Task");
        if (!string.Equals(TaskQueryValue(context.Request.Query, "includeAnswer"), "true", StringComparison.OrdinalIgnoreCase)) task.Remove("answer");
        return AngoResults.Success(new JsonObject { ["task"] = task });
    }

    private static IResult GetTaskHistory(HttpContext context, string taskId)
    {
        var store = Store(context);
        if (store.GetTask(taskId) is null) return AngoResults.NotFound("Task");
        return AngoResults.Success(new JsonObject { ["history"] = new JsonArray(store.GetTaskHistory(taskId).Select(h => (JsonNode)h).ToArray()) });
    }

    private static IResult GetTaskHistoryEntry(HttpContext context, string historyId) =>
        Store(context).GetHistoryEntry(historyId) is { } entry
            ? AngoResults.Success(new JsonObject { ["taskHistory"] = entry })
            : AngoResults.NotFound("Task history");

    private static async Task<IResult> AssignTasksAsync(HttpContext context)
    {
        var (body, invalid) = await ReadTaskBodyAsync(context);
        if (body is null) return invalid!;
        var project = (string?)body["project"];
        var stage = (string?)body["stage"];
        var user = (string?)body["user"];
        var tasks = TaskIdList(body["tasks"]);
        if (string.IsNullOrEmpty(project) || string.IsNullOrEmpty(stage) || string.IsNullOrEmpty(user) || tasks is null || tasks.Count == 0)
        {
            return AngoResults.BadRequest("project, tasks, stage and user are required");
        }
        var (assigned, error, missing) = Store(context).AssignTasks(project, tasks, stage, user);
        if (missing) return AngoResults.NotFound("Project");
        if (error is not null) return AngoResults.BadRequest(error);
        return AngoResults.Success(new JsonObject { ["message"] = assigned + " tasks assigned to " + user, ["modifiedCount"] = assigned });
    }

    private static async Task<IResult> RequeueTasksAsync(HttpContext context, string projectId)
    {
        var (body, invalid) = await ReadTaskBodyAsync(context);
        if (body is null) return invalid!;
        var toStageId = (string?)body["toStageId"];
        if (string.IsNullOrEmpty(toStageId)) return AngoResults.BadRequest("toStageId is required");
        var filters = body["filters"] as JsonObject ?? new JsonObject();
        var options = body["options"] as JsonObject ?? new JsonObject();
        var (modified, error, missing) = Store(context).RequeueTasks(
            projectId,
            toStageId,
            TaskIdList(filters["taskIds"]),
            TaskIdList(filters["externalIds"]),
            TaskIdList(filters["assetIds"]),
            TaskIdList(filters["batches"]),
            TaskIdList(filters["fromStageIds"]),
            TaskOption(options["removeAnnotations"]),
            TaskOption(options["removeAssignee"]),
            TaskOption(options["removeStageHistory"]));
        if (missing) return AngoResults.NotFound("Project");
        if (error is not null) return AngoResults.BadRequest(error);
        return AngoResults.Success(new JsonObject { ["modifiedCount"] = new JsonObject { ["modified"] = modified, ["toStageId"] = toStageId } });
    }

    private static async Task<IResult> RerunWebhookAsync(HttpContext context, string projectId)
    {
        var (body, invalid) = await ReadTaskBodyAsync(context);
        if (body is null) return invalid!;
        var stageId = (string?)body["stageId"];
        if (string.IsNullOrEmpty(stageId)) return AngoResults.BadRequest("stageId is required");
        var (error, missing) = Store(context).RerunWebhook(projectId, stageId);
        if (missing) return AngoResults.NotFound("Project");
        if (error is not null) return AngoResults.BadRequest(error);
        return AngoResults.Success(new JsonObject { ["message"] = "Webhook rerun started", ["stageId"] = stageId });
    }

    private static async Task<IResult> ImportLabelsAsync(HttpContext context)
    {
        var (body, invalid) = await ReadTaskBodyAsync(context);
        if (body is null) return invalid!;
        var project = (string?)body["project"];
        if (string.IsNullOrEmpty(project)) return AngoResults.BadRequest("project is required");
        if (body["jsonContent"] is not JsonArray content) return AngoResults.BadRequest("jsonContent must be an array of labels");
        var records = new List<JsonObject>();
        foreach (var item in content)
        {
            if (item is not JsonObject record || (record["assetId"] is null && record["externalId"] is null))
            {
                return AngoResults.BadRequest("every label needs an assetId or an externalId");
            }
            records.Add(record);
        }
        var (labeled, missing) = Store(context).ImportLabels(project, records);
        if (missing) return AngoResults.NotFound("Project");
        return AngoResults.Success(new JsonObject { ["project"] = labeled + " / " + records.Count + " tasks are labeled." });
    }

    private static async Task<(JsonObject? Body, IResult? Invalid)> ReadTaskBodyAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body);
            return node is JsonObject body ? (body, null) : (null, AngoResults.BadRequest("The body must be a JSON object"));
        }
        catch (JsonException)
        {
            return (null, AngoResults.BadRequest("The body is not valid JSON"));
        }
    }

    private static string? TaskQueryValue(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value.ToString() : null;

    private static List<string>? TaskIdList(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? string.Empty).ToList() : null;

    private static bool TaskOption(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
