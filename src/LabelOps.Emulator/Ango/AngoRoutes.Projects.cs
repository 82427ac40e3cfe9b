using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Ango;

// Projects as code: create and update projects (ontology, workflow), members, instructions, statistics.
internal static partial class AngoRoutes
{
    static partial void MapProjects(RouteGroupBuilder v2, EmulatorOptions options)
    {
        v2.MapPost("/project", (Func<HttpContext, Task<IResult>>)ProjectsAsCodeHandlers.CreateProjectAsync);
        v2.MapPost("/project/{projectId}", (Func<HttpContext, string, Task<IResult>>)ProjectsAsCodeHandlers.UpdateProjectAsync);
        v2.MapPost("/project/{projectId}/assigned", (Func<HttpContext, string, Task<IResult>>)ProjectsAsCodeHandlers.AddMembersAsync);
        v2.MapPost("/project/{projectId}/instructions", (Func<HttpContext, string, Task<IResult>>)ProjectsAsCodeHandlers.UploadInstructionsAsync);
        v2.MapPost("/performance/{projectId}", (Func<HttpContext, string, Task<IResult>>)ProjectsAsCodeHandlers.PerformanceAsync);
        v2.MapGet("/{projectId}/overview/{metric}", ProjectsAsCodeHandlers.Overview);
    }

    /// <summary>Handlers of the projects-as-code routes, in their own class so their names never meet another area's.</summary>
    private static class ProjectsAsCodeHandlers
    {
        internal static async Task<IResult> CreateProjectAsync(HttpContext context)
        {
            var (body, invalid) = await ReadJsonObjectAsync(context.Request);
            if (invalid is not null)
            {
                return invalid;
            }
            if (AngoStore.ValidateSettings(body!, creating: true) is { } error)
            {
                return AngoResults.BadRequest(error);
            }
            var store = Store(context);
            var id = store.AddProject((string)body!["name"]!, (string?)body["description"], body["categorySchema"] as JsonObject, body["stages"] as JsonArray);
            var rest = new JsonObject();
            foreach (var (name, value) in body)
            {
                if (name is not ("name" or "description" or "categorySchema" or "stages")) rest[name] = value?.DeepClone();
            }
            var project = rest.Count == 0 ? store.GetProject(id)! : store.UpdateProject(id, rest).Project!;
            return AngoResults.Success(new JsonObject { ["project"] = project }, StatusCodes.Status201Created);
        }

        internal static async Task<IResult> UpdateProjectAsync(HttpContext context, string projectId)
        {
            var (body, invalid) = await ReadJsonObjectAsync(context.Request);
            if (invalid is not null)
            {
                return invalid;
            }
            var (project, error) = Store(context).UpdateProject(projectId, body!);
            if (error is not null)
            {
                return AngoResults.BadRequest(error);
            }
            return project is null ? AngoResults.NotFound("Project") : AngoResults.Success(new JsonObject { ["project"] = project });
        }

        internal static async Task<IResult> AddMembersAsync(HttpContext context, string projectId)
        {
            var (body, invalid) = await ReadJsonObjectAsync(context.Request);
            if (invalid is not null)
            {
                return invalid;
            }
            var emails = (body!["assignees"] as JsonArray)?.Select(e => e is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList();
            if (emails is null || emails.Count == 0 || emails.Any(e => e is null || !e.Contains('@')))
            {
                return AngoResults.BadRequest("\"assignees\" must be a non-empty array of email addresses");
            }
            var role = body["role"] is JsonValue r && r.TryGetValue<string>(out var roleText) ? roleText : null;
            if (role is null || !AngoStore.ProjectMemberRoles.Contains(role))
            {
                return AngoResults.BadRequest("\"role\" must be one of " + string.Join(", ", AngoStore.ProjectMemberRoles));
            }
            var project = Store(context).AddProjectMembers(projectId, emails!, role);
            return project is null ? AngoResults.NotFound("Project") : AngoResults.Success(new JsonObject { ["project"] = project });
        }

        internal static async Task<IResult> UploadInstructionsAsync(HttpContext context, string projectId)
        {
            if (!context.Request.HasFormContentType)
            {
                return AngoResults.BadRequest("Expected multipart/form-data with a \"file\" field");
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0)
            {
                return AngoResults.BadRequest("\"file\" is required");
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, context.RequestAborted);
            var project = Store(context).SetInstructions(projectId, file.FileName, file.ContentType, buffer.ToArray());
            return project is null ? AngoResults.NotFound("Project") : AngoResults.Success(new JsonObject { ["project"] = project });
        }

        internal static async Task<IResult> PerformanceAsync(HttpContext context, string projectId)
        {
            var (body, invalid) = await ReadJsonObjectAsync(context.Request, allowEmpty: true);
            if (invalid is not null)
            {
                return invalid;
            }
            DateTimeOffset? start = null, end = null;
            foreach (var name in new[] { "startDate", "endDate" })
            {
                if (body![name] is null)
                {
                    continue;
                }
                if (body[name] is not JsonValue v || !v.TryGetValue<string>(out var text)
                    || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    return AngoResults.BadRequest("\"" + name + "\" must be a date-time");
                }
                if (name == "startDate") start = date; else end = date;
            }
            List<string>? users = null;
            if (body!["users"] is not null)
            {
                if (body["users"] is not JsonArray list || list.Any(u => u is not JsonValue))
                {
                    return AngoResults.BadRequest("\"users\" must be an array of emails");
                }
                users = list.Select(u => u!.GetValue<string>()).ToList();
            }
            var data = Store(context).Performance(projectId, start, end, users);
            return data is null ? AngoResults.NotFound("Project") : AngoResults.Success(data);
        }

        internal static IResult Overview(HttpContext context, string projectId, string metric)
        {
            if (!AngoStore.OverviewMetrics.Contains(metric))
            {
                return AngoResults.BadRequest("Unknown metric " + metric);
            }
            var data = Store(context).Overview(projectId, metric);
            return data is null ? AngoResults.NotFound("Project") : AngoResults.Success(data);
        }

        /// <summary>The JSON object body, or a 400 fail answer (Express's body parser refuses what is not JSON).</summary>
        private static async Task<(JsonObject? Body, IResult? Invalid)> ReadJsonObjectAsync(HttpRequest request, bool allowEmpty = false)
        {
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            if (string.IsNullOrWhiteSpace(text))
            {
                return allowEmpty ? (new JsonObject(), null) : (null, AngoResults.BadRequest("Request body is required"));
            }
            try
            {
                return JsonNode.Parse(text) is JsonObject body ? (body, null) : (null, AngoResults.BadRequest("Request body must be a JSON object"));
            }
            catch (JsonException exception)
            {
                return (null, AngoResults.BadRequest("Request body is not valid JSON: " + exception.Message));
            }
        }
    }
}
