using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Ango;

internal static partial class AngoRoutes
{
    private static void MapIssues(RouteGroupBuilder v2)
    {
        v2.MapGet("/issues", ListIssues);
        v2.MapPost("/issues", (Func<HttpContext, Task<IResult>>)CreateIssueAsync);
        v2.MapDelete("/issues/{issueId}", DeleteIssue);
    }

    /// <summary>As the reference shows it: data.issue (singular) and no total.</summary>
    private static IResult ListIssues(HttpContext context)
    {
        var (paging, invalid) = AngoPaging.Read(context.Request);
        if (invalid is not null) return invalid;
        var q = context.Request.Query;
        string? Optional(string name) => q.TryGetValue(name, out var v) && v.Count > 0 && v.ToString().Length > 0 ? v.ToString() : null;
        var status = Optional("status");
        if (status is not null && status is not ("Open" or "Resolved" or "Closed"))
        {
            return AngoResults.BadRequest("status must be Open, Resolved or Closed");
        }
        var issues = Store(context).FindIssues(Optional("project"), Optional("labelTask"), status, Optional("assignee"), Optional("createdBy"));
        return AngoResults.Success(new JsonObject { ["issue"] = paging.Apply(issues, out _) });
    }

    private static async Task<IResult> CreateIssueAsync(HttpContext context)
    {
        var body = await AngoAdminBodies.ReadObjectAsync(context.Request);
        var taskId = body?["labelTask"] is JsonValue t && t.TryGetValue<string>(out var id) ? id : null;
        if (string.IsNullOrEmpty(taskId))
        {
            return AngoResults.BadRequest("labelTask is required");
        }
        var content = body!["content"] is JsonValue c && c.TryGetValue<string>(out var text) ? text : string.Empty;
        if (body["position"] is { } p && !(p is JsonValue pv && pv.TryGetValue<string>(out _)))
        {
            return AngoResults.BadRequest("position must be a string");
        }
        var issue = Store(context).CreateIssue(taskId, content, (string?)body["position"], (string?)body["title"]);
        return issue is null ? AngoResults.NotFound("Task") : AngoResults.Success(new JsonObject { ["issue"] = issue }, StatusCodes.Status201Created);
    }

    private static IResult DeleteIssue(HttpContext context, string issueId) =>
        Store(context).DeleteIssue(issueId) is { } issue
            ? AngoResults.Success(new JsonObject { ["issue"] = issue })
            : AngoResults.NotFound("Issue");
}
