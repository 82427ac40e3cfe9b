using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Ango;

/// <summary>
/// Assets, uploads, attachments, chat assets and batches. The signed-upload PUT lives under
/// <see cref="ServiceMiddleware.SignedStoragePrefix"/>, which the middleware lets through without a key: like
/// S3 it is authorised by its signature, and it refuses any request that carries the API key.
/// </summary>
internal static class AngoAssetEndpoints
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGet("/project/{projectId}/assets", ListAssets);
        v2.MapGet("/getUploadUrl", GetUploadUrl);
        v2.MapPut("/_storage/{slotId}/{fileName}", (Func<HttpContext, string, string, Task<IResult>>)ReceiveUploadAsync);
        v2.MapPost("/project/{projectId}/cloud", (Func<HttpContext, string, Task<IResult>>)RegisterAsync);
        v2.MapPost("/attachments", (Func<HttpContext, Task<IResult>>)AddAttachmentsAsync);
        v2.MapPost("/project/{projectId}/chat", (Func<HttpContext, string, Task<IResult>>)UploadChatAsync);
        v2.MapPost("/batches/{projectId}", (Func<HttpContext, string, Task<IResult>>)ReplaceBatchesAsync);
        v2.MapPost("/assignBatches", (Func<HttpContext, Task<IResult>>)AssignBatchesAsync);
    }

    private static IResult ListAssets(HttpContext context, string projectId)
    {
        var (paging, invalid) = AngoPaging.Read(context.Request);
        if (invalid is not null) return invalid;
        var query = context.Request.Query;
        var batches = ReadList(query["batches"].ToString());
        if (batches is null) return AngoResults.BadRequest("batches must be a JSON array or a comma-separated list");
        var assets = AngoRoutes.Store(context).FindAssets(projectId, NullIfEmpty(query["_id"]), NullIfEmpty(query["externalId"]), batches);
        if (assets is null) return AngoResults.NotFound("Project");
        var page = paging.Apply(assets, out var total);
        return AngoResults.Success(new JsonObject { ["assets"] = page, ["total"] = total });
    }

    private static IResult GetUploadUrl(HttpContext context)
    {
        var name = NullIfEmpty(context.Request.Query["name"]);
        var project = NullIfEmpty(context.Request.Query["project"]);
        if (name is null || project is null) return AngoResults.BadRequest("name and project are required");
        if (name.IndexOfAny(new[] { '/', '\\' }) >= 0) return AngoResults.BadRequest("name must be a file name");
        // 'localhost' rather than the API's 127.0.0.1: the client must see a host other than the API's, as with S3.
        var storageBase = new Uri("http://localhost:" + (context.Request.Host.Port ?? 80) + "/");
        var url = AngoRoutes.Store(context).IssueSignedUploadUrl(project, name, storageBase);
        return url is null
            ? AngoResults.NotFound("Project")
            : AngoResults.Success(new JsonObject { ["uploadUrl"] = url }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReceiveUploadAsync(HttpContext context, string slotId, string fileName)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var status = AngoStore.ReceiveSignedUpload(
            slotId,
            fileName,
            NullIfEmpty(context.Request.Query["signature"]),
            context.Request.Headers.ContainsKey("apikey"),
            buffer.Length,
            context.Request.ContentType,
            context.Request.Path.Value ?? string.Empty);
        // Storage answers like S3: no Ango envelope.
        return status == StatusCodes.Status200OK
            ? Results.Ok()
            : Results.Text(status == StatusCodes.Status404NotFound ? "NoSuchUpload" : "AccessDenied", "text/plain", null, status);
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, string projectId)
    {
        var (body, invalid) = await ReadObjectAsync(context);
        if (body is null) return invalid!;
        if (body["assets"] is not JsonArray assets || assets.Count == 0) return AngoResults.BadRequest("assets must be a non-empty array");
        var queryBatches = ReadList(context.Request.Query["batches"].ToString());
        if (queryBatches is null) return AngoResults.BadRequest("batches must be a JSON array");
        var (created, error, missing) = AngoRoutes.Store(context).RegisterCloudAssets(projectId, assets, queryBatches);
        if (missing) return AngoResults.NotFound("Project");
        if (error is not null) return AngoResults.BadRequest(error);
        return AngoResults.Success(
            new JsonObject { ["assets"] = new JsonObject { ["assetsCreated"] = created, ["tasksCreated"] = created, ["preLabelsCount"] = 0, ["validPreLabelsCount"] = 0 } },
            StatusCodes.Status201Created);
    }

    private static async Task<IResult> AddAttachmentsAsync(HttpContext context)
    {
        var (body, invalid) = await ReadObjectAsync(context);
        if (body is null) return invalid!;
        var project = (string?)body["project"];
        if (string.IsNullOrEmpty(project)) return AngoResults.BadRequest("project is required");
        if (body["attachments"] is not JsonArray attachments || attachments.Count == 0) return AngoResults.BadRequest("attachments must be a non-empty array");
        var (imported, updated, error, missing) = AngoRoutes.Store(context).AddAttachments(project, attachments);
        if (missing) return AngoResults.NotFound("Project");
        if (error is not null) return AngoResults.BadRequest(error);
        return AngoResults.Success(new JsonObject { ["project"] = new JsonObject { ["attachmentsImported"] = imported, ["assetsUpdated"] = updated } }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UploadChatAsync(HttpContext context, string projectId)
    {
        if (!context.Request.HasFormContentType) return AngoResults.BadRequest("multipart/form-data expected");
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files["file"];
        string? json;
        if (file is not null)
        {
            using var reader = new StreamReader(file.OpenReadStream());
            json = await reader.ReadToEndAsync(context.RequestAborted);
        }
        else
        {
            json = NullIfEmpty(form["conversations"]);
        }
        if (json is null) return AngoResults.BadRequest("file or conversations is required");
        var conversations = ParseConversations(json);
        if (conversations is null) return AngoResults.BadRequest("conversations must be a JSON array (or JSON lines) of objects");
        var batchNames = ReadList(form["batches"].ToString());
        if (batchNames is null) return AngoResults.BadRequest("batches must be a JSON array of batch names");
        var llmConfig = NullIfEmpty(form["llmConfig"]);
        if (llmConfig is not null && !IsJson(llmConfig)) return AngoResults.BadRequest("llmConfig must be JSON");
        var record = new ChatUpload(projectId, form.Keys.Concat(form.Files.Select(f => f.Name)).ToList(), file?.FileName, conversations.Count, batchNames, llmConfig);
        var (created, error, missing) = AngoRoutes.Store(context).ImportChatAssets(projectId, conversations, batchNames, record);
        if (missing) return AngoResults.NotFound("Project");
        if (error is not null) return AngoResults.BadRequest(error);
        return AngoResults.Success(new JsonObject { ["assets"] = new JsonObject { ["assetsCreated"] = created, ["tasksCreated"] = created } }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReplaceBatchesAsync(HttpContext context, string projectId)
    {
        var (body, invalid) = await ReadObjectAsync(context);
        if (body is null) return invalid!;
        if (body["batches"] is not JsonArray batches) return AngoResults.BadRequest("batches must be an array");
        var (project, error) = AngoRoutes.Store(context).ReplaceBatches(projectId, batches);
        if (error is not null) return AngoResults.BadRequest(error);
        return project is null ? AngoResults.NotFound("Project") : AngoResults.Success(new JsonObject { ["project"] = project });
    }

    private static async Task<IResult> AssignBatchesAsync(HttpContext context)
    {
        var (body, invalid) = await ReadObjectAsync(context);
        if (body is null) return invalid!;
        var assets = (body["assets"] as JsonArray)?.Select(a => a?.ToString() ?? string.Empty).ToList();
        var batches = (body["batches"] as JsonArray)?.Select(b => b?.ToString() ?? string.Empty).ToList();
        if (assets is null || assets.Count == 0 || batches is null || batches.Count == 0) return AngoResults.BadRequest("assets and batches must be non-empty arrays");
        var (updated, error, status) = AngoRoutes.Store(context).AssignBatchesToAssets(assets, batches);
        return error is not null ? AngoResults.Fail(status, error) : AngoResults.Success(new JsonObject { ["assetsUpdated"] = updated });
    }

    private static async Task<(JsonObject? Body, IResult? Invalid)> ReadObjectAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            return JsonNode.Parse(text) is JsonObject body ? (body, null) : (null, AngoResults.BadRequest("The body must be a JSON object"));
        }
        catch (JsonException)
        {
            return (null, AngoResults.BadRequest("The body is not valid JSON"));
        }
    }

    /// <summary>A JSON array of strings or a comma-separated list (the reference shows both); empty for nothing, null when malformed.</summary>
    private static List<string>? ReadList(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new List<string>();
        text = text.Trim();
        if (!text.StartsWith('[')) return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        try
        {
            return JsonNode.Parse(text) is JsonArray array ? array.Select(i => i?.ToString() ?? string.Empty).ToList() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonArray? ParseConversations(string json)
    {
        try
        {
            var trimmed = json.Trim();
            if (trimmed.StartsWith('['))
            {
                return JsonNode.Parse(trimmed) is JsonArray array && array.All(i => i is JsonObject) ? array : null;
            }
            var lines = trimmed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var items = lines.Select(l => JsonNode.Parse(l)).ToList();
            return items.All(i => i is JsonObject) && items.Count > 0 ? new JsonArray(items.ToArray()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString();
}
