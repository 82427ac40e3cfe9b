using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Control;

/// <summary>
/// The <see cref="AngoStore"/> API over HTTP, for the Pester tests (tests/Pester/LabelOps.TestHelpers.psm1), which run
/// in another process than the emulator: POST routes arrange what a test needs (projects,
/// assets and their tasks, task fields, batches, issues, storages, generated export records), GET routes read what
/// they assert on. Every route names the account with "apiKey" (body, or query string for GET).
/// </summary>
internal static partial class ControlRoutes
{
    private static void MapAngo(RouteGroupBuilder control, AccountRegistry accounts)
    {
        var ango = control.MapGroup("/ango");
        ango.MapPost("/projects", context => Handle(context, accounts, (a, body, ctx) =>
        {
            var id = Ango(a, body, ctx).AddProject(
                body.String("name") ?? "Project",
                body.String("description"),
                body.Node("categorySchema") is JsonObject schema ? schema : null,
                body.Node("stages") is JsonArray stages ? stages : null);
            return Results.Json(new { id });
        }));
        ango.MapPost("/assets", context => Handle(context, accounts, AddAngoAssets));
        ango.MapPost("/tasks/{taskId}", context => Handle(context, accounts, (a, body, ctx) =>
        {
            var fields = body.Node("set") as JsonObject ?? throw new FormatException("set must be a JSON object of task fields.");
            var store = Ango(a, body, ctx);
            var taskId = (string)ctx.Request.RouteValues["taskId"]!;
            store.UpdateTask(taskId, task =>
            {
                foreach (var field in fields) task[field.Key] = field.Value?.DeepClone();
            });
            return Results.Json(store.GetTask(taskId));
        }));
        ango.MapPost("/batches", context => Handle(context, accounts, (a, body, ctx) =>
        {
            var store = Ango(a, body, ctx);
            var projectId = Required(body, "projectId");
            var name = Required(body, "name");
            // The three ways to add a batch: AngoStore.DefineBatch, AddBatchToProject and AddTaskBatch.
            var id = (body.String("kind") ?? "define") switch
            {
                "define" => store.DefineBatch(projectId, name, body.String("description"), body.String("color")),
                "project" => store.AddBatchToProject(projectId, name),
                "task" => store.AddTaskBatch(projectId, name),
                var other => throw new FormatException("kind must be define, project or task, not '" + other + "'."),
            };
            return Results.Json(new { id });
        }));
        ango.MapPost("/issues", context => Handle(context, accounts, (a, body, ctx) =>
        {
            var id = Ango(a, body, ctx).AddIssue(
                Required(body, "taskId"),
                body.String("content") ?? "Please check",
                body.String("status") ?? "Open",
                body.String("assignee"),
                body.String("createdBy") ?? "owner@example.test",
                body.String("title"),
                body.String("position"));
            return Results.Json(new { id });
        }));
        ango.MapPost("/storages", context => Handle(context, accounts, (a, body, ctx) =>
        {
            var id = Ango(a, body, ctx).AddStorage(
                Required(body, "name"),
                body.String("type") ?? "aws",
                body.String("bucket") ?? "bucket",
                body.Node("region") is null ? "eu-west-1" : body.String("region"));
            return Results.Json(new { id });
        }));
        ango.MapPost("/projects/{projectId}/generated-export-records", context => Handle(context, accounts, (a, body, ctx) =>
        {
            Ango(a, body, ctx).SetGeneratedExportRecords((string)ctx.Request.RouteValues["projectId"]!, body.Int("count") ?? throw new FormatException("count is required."));
            return Results.NoContent();
        }));
        ango.MapPost("/projects/{projectId}/generated-tasks", context => Handle(context, accounts, (a, body, ctx) =>
        {
            Ango(a, body, ctx).SetGeneratedTasks((string)ctx.Request.RouteValues["projectId"]!, body.Int("count") ?? throw new FormatException("count is required."));
            return Results.NoContent();
        }));

        // Reads. A missing project, task or asset answers 404 through KeyNotFoundException.
        ango.MapGet("/organization", context => Handle(context, accounts, (a, body, ctx) =>
        {
            var store = Ango(a, body, ctx);
            return Results.Json(new { organizationId = store.OrganizationId, projectCount = store.ProjectCount });
        }));
        ango.MapGet("/projects/{projectId}", context => Handle(context, accounts, (a, body, ctx) =>
            Json(Ango(a, body, ctx).GetProject(ProjectId(ctx)) ?? throw new KeyNotFoundException("No Ango project " + ProjectId(ctx)))));
        ango.MapGet("/projects/{projectId}/tasks", context => Handle(context, accounts, (a, body, ctx) => Json(Ango(a, body, ctx).GetTasks(ProjectId(ctx)))));
        ango.MapGet("/projects/{projectId}/assets", context => Handle(context, accounts, (a, body, ctx) => Json(Ango(a, body, ctx).GetAssets(ProjectId(ctx)))));
        ango.MapGet("/projects/{projectId}/batches", context => Handle(context, accounts, (a, body, ctx) => Json(Ango(a, body, ctx).GetBatches(ProjectId(ctx)))));
        ango.MapGet("/projects/{projectId}/stages/{stageName}", context => Handle(context, accounts, (a, body, ctx) =>
            Results.Json(new { id = Ango(a, body, ctx).StageId(ProjectId(ctx), (string)ctx.Request.RouteValues["stageName"]!) })));
        ango.MapGet("/projects/{projectId}/export-records", context => Handle(context, accounts, (a, body, ctx) =>
            Json(Ango(a, body, ctx).ExportRecords(ProjectId(ctx), ctx.Request.Query["includeMetadata"] == "true", ctx.Request.Query["includeHistory"] == "true"))));
        ango.MapGet("/projects/{projectId}/instructions", context => Handle(context, accounts, (a, body, ctx) =>
        {
            var file = Ango(a, body, ctx).GetInstructionsFile(ProjectId(ctx));
            return file is null
                ? Results.Json((object?)null)
                : Results.Json(new { fileName = file.FileName, contentType = file.ContentType, contentBase64 = Convert.ToBase64String(file.Content), url = file.Url });
        }));
        ango.MapGet("/tasks/{taskId}", context => Handle(context, accounts, (a, body, ctx) =>
            Json(Ango(a, body, ctx).GetTask(TaskId(ctx)) ?? throw new KeyNotFoundException("No Ango task " + TaskId(ctx)))));
        ango.MapGet("/tasks/{taskId}/history", context => Handle(context, accounts, (a, body, ctx) => Json(Ango(a, body, ctx).GetTaskHistory(TaskId(ctx)))));
        ango.MapGet("/assets/{assetId}", context => Handle(context, accounts, (a, body, ctx) =>
        {
            var assetId = (string)ctx.Request.RouteValues["assetId"]!;
            return Json(Ango(a, body, ctx).GetAsset(assetId) ?? throw new KeyNotFoundException("No Ango asset " + assetId));
        }));
        ango.MapGet("/issues", context => Handle(context, accounts, (a, body, ctx) => Json(Ango(a, body, ctx).GetIssues())));
        ango.MapGet("/members", context => Handle(context, accounts, (a, body, ctx) => Json(Ango(a, body, ctx).GetMembers())));
        ango.MapGet("/invites", context => Handle(context, accounts, (a, body, ctx) => Json(Ango(a, body, ctx).GetInvites())));
        ango.MapGet("/storages", context => Handle(context, accounts, (a, body, ctx) => Json(Ango(a, body, ctx).GetStorages())));
        ango.MapGet("/storages/{storageId}/secrets", context => Handle(context, accounts, (a, body, ctx) =>
            Results.Json(Ango(a, body, ctx).GetStorageSecrets((string)ctx.Request.RouteValues["storageId"]!))));
        ango.MapGet("/storage-uploads", context => Handle(context, accounts, (a, body, ctx) =>
            Results.Json(Ango(a, body, ctx).StorageUploads, JsonSerializerOptions.Web)));
        ango.MapGet("/chat-uploads", context => Handle(context, accounts, (a, body, ctx) =>
            Results.Json(Ango(a, body, ctx).ChatUploads, JsonSerializerOptions.Web)));
        ango.MapGet("/webhook-reruns", context => Handle(context, accounts, (a, body, ctx) =>
            Results.Json(Ango(a, body, ctx).WebhookReruns.Select(r => new { projectId = r.ProjectId, stageId = r.StageId }))));
    }

    /// <summary>POST /ango/assets: one asset (and its task) as AngoStore.AddAsset, or "count" of them as AddAssets.</summary>
    private static IResult AddAngoAssets(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var store = Ango(accounts, body, context);
        var projectId = Required(body, "projectId");
        if (body.Int("count") is { } count)
        {
            return Results.Json(new { taskIds = store.AddAssets(projectId, count) });
        }
        var batches = body.Node("batches")?.Deserialize<string[]>();
        var (assetId, taskId) = store.AddAsset(
            projectId,
            body.String("externalId"),
            body.String("data"),
            batches,
            body.Node("metadata") as JsonObject,
            body.Node("contextData") as JsonObject);
        return Results.Json(new { assetId, taskId });
    }

    private static AngoStore Ango(AccountRegistry accounts, ControlBody body, HttpContext context) => Account(accounts, body, context).Ango;

    private static string Required(ControlBody body, string name) => body.String(name) ?? throw new FormatException(name + " is required.");

    private static string ProjectId(HttpContext context) => (string)context.Request.RouteValues["projectId"]!;

    private static string TaskId(HttpContext context) => (string)context.Request.RouteValues["taskId"]!;

    /// <summary>JSON documents of the store as they are (names as the service spells them).</summary>
    private static IResult Json(object value) => Results.Json(value);
}
