using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Ango;

internal static partial class AngoRoutes
{
    /// <summary>Where signed archive links point. Requests here carry no API key; the middleware lets them through for the signature to decide.</summary>
    internal const string ExportDownloadPrefix = "/storage/exports";

    static partial void MapExportsAndIssues(RouteGroupBuilder v2, EmulatorOptions options)
    {
        v2.MapGet("/exportV3", RequestExport);
        v2.MapGet(ExportDownloadPrefix + "/{exportId}/export.zip", (Func<HttpContext, string, Task<IResult>>)DownloadExportAsync);
        MapIssues(v2);
    }

    private static IResult RequestExport(HttpContext context)
    {
        var query = context.Request.Query;
        var projectId = query["project"].ToString();
        if (string.IsNullOrEmpty(projectId))
        {
            return AngoResults.BadRequest("project is required");
        }
        var format = query.TryGetValue("format", out var f) && f.Count > 0 ? f.ToString() : "json";
        if (format != "json" && format != "ndjson")
        {
            return AngoResults.BadRequest("format must be json or ndjson");
        }
        if (!AngoAdminBodies.TryReadIdList(context.Request, "batches", out var batches))
        {
            return AngoResults.BadRequest("batches must be a JSON array of batch ids");
        }
        if (!AngoAdminBodies.TryReadIdList(context.Request, "stage", out var stages))
        {
            return AngoResults.BadRequest("stage must be a JSON array of stage ids");
        }
        var store = Store(context);
        var records = store.BuildExportRecords(projectId, batches, stages, query["includeMetadata"] == "true", query["includeHistory"] == "true");
        if (records is null)
        {
            return AngoResults.NotFound("Project");
        }
        var generated = batches is null && stages is null ? store.GeneratedExportRecords(projectId) : 0;
        var (id, signature) = AngoStore.RegisterExport(new AngoPreparedExport(store, projectId, format == "ndjson", records, generated));
        // 'localhost', not the 127.0.0.1 the client connected to: like real storage, the link is on another host,
        // so a correct client sends no API key there.
        var port = context.Request.Host.Port ?? 80;
        var url = $"http://localhost:{port}/v2{ExportDownloadPrefix}/{id}/export.zip?signature={signature}";
        return AngoResults.Success(new System.Text.Json.Nodes.JsonObject { ["exportPath"] = url });
    }

    private static async Task<IResult> DownloadExportAsync(HttpContext context, string exportId)
    {
        var export = AngoStore.FindSignedExport(exportId, context.Request.Query["signature"].ToString());
        if (export is null)
        {
            return Results.Text("<Error><Code>SignatureDoesNotMatch</Code></Error>", "application/xml", System.Text.Encoding.UTF8, StatusCodes.Status403Forbidden);
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/zip";
        // The service middleware buffers the response in memory, so synchronous zip writes are safe here.
        AngoStore.WriteExportArchive(export, context.Response.Body);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        return Results.Empty;
    }
}
