using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Hitl;

/// <summary>
/// The endpoints of the HITL API v1 document. Authentication, faults and logging happen before these
/// handlers run (see <see cref="ServiceMiddleware"/>), so each handler only serves its account's data.
/// </summary>
internal static class HitlRoutes
{
    public static void Map(IEndpointRouteBuilder app, EmulatorOptions options)
    {
        // The async handlers are typed as Func so that they bind as route handlers, not as RequestDelegates
        // (which would discard the IResult they return).
        var v1 = app.MapGroup("/v1");
        v1.MapGet("/health", () => HitlResults.Json(new JsonObject { ["status"] = "UP" }));
        v1.MapPost("/projects", (Func<HttpContext, Task<IResult>>)CreateProjectAsync);
        v1.MapGet("/projects/{projectId}", GetProject);
        v1.MapPost("/jobs", (Func<HttpContext, Task<IResult>>)CreateJobAsync);
        v1.MapGet("/jobs/{projectId}", ListJobs);
        v1.MapGet("/jobs/{projectId}/{jobId}", GetJob);
        v1.MapDelete("/jobs/{projectId}/{jobId}", CancelJob);
        v1.MapGet("/files/{projectId}/{jobId}/{fileName}", GetFile);
        v1.MapGet("/metrics", GetMetrics);
        v1.MapGet("/ip", () => Results.Text(options.EgressIp, "text/plain"));
    }

    private static async Task<IResult> CreateProjectAsync(HttpContext context)
    {
        var (body, invalid) = await HitlRequestBody.ReadAsync(context.Request);
        if (body is null)
        {
            return invalid!;
        }

        var name = body.RequiredString("name");
        var instructionsUrl = body.RequiredString("instructions_file_url");
        if (body.HasErrors)
        {
            return body.ErrorResult();
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return BadRequest("name must not be empty");
        }

        if (string.IsNullOrWhiteSpace(instructionsUrl))
        {
            return BadRequest("instructions_file_url must not be empty");
        }

        if (!HitlUrls.IsFileUrl(instructionsUrl, HitlUrls.InstructionExtensions))
        {
            return BadRequest($"Invalid instructions_file_url: {instructionsUrl} (expected an absolute http(s) URL of a pdf, docx, png, jpg or jpeg file)");
        }

        var id = Store(context).CreateProject(name, instructionsUrl);
        return HitlResults.Json(new JsonObject { ["id"] = id });
    }

    private static IResult GetProject(HttpContext context, string projectId) =>
        Store(context).GetProjectStatus(projectId) is { } status
            ? HitlResults.Json(new JsonObject { ["status"] = status })
            : HitlResults.ProjectNotFound();

    private static async Task<IResult> CreateJobAsync(HttpContext context)
    {
        var (body, invalid) = await HitlRequestBody.ReadAsync(context.Request);
        if (body is null)
        {
            return invalid!;
        }

        var projectId = body.RequiredString("project_id");
        var fileUrls = body.RequiredStringList("file_urls");
        var predictions = body.OptionalObject("predictions");
        var webhookUrl = body.OptionalString("webhook_url");
        var webhookHeaders = body.OptionalStringMap("webhook_headers");
        var expirationMinutes = body.OptionalInt("expiration_minutes");
        if (body.HasErrors)
        {
            return body.ErrorResult();
        }

        var store = Store(context);
        var projectStatus = store.GetProjectStatus(projectId!);
        if (projectStatus is null)
        {
            return HitlResults.ProjectNotFound();
        }

        if (projectStatus != HitlStatuses.Active)
        {
            return BadRequest("Project is not active");
        }

        if (fileUrls!.Count == 0)
        {
            return BadRequest("file_urls must contain at least one URL");
        }

        var badUrl = fileUrls.FirstOrDefault(url => !HitlUrls.IsFileUrl(url, HitlUrls.JobFileExtensions));
        if (badUrl is not null)
        {
            return BadRequest($"Invalid file URL: {badUrl} (expected an absolute http(s) URL of a pdf, png, jpg or jpeg file)");
        }

        if (webhookUrl is not null && !HitlUrls.IsHttpUrl(webhookUrl))
        {
            return BadRequest($"Invalid webhook_url: {webhookUrl} (expected an absolute http(s) URL)");
        }

        if (expirationMinutes is < 1 or > 1440)
        {
            return BadRequest("expiration_minutes must be an integer between 1 and 1440");
        }

        var job = store.CreateJob(projectId!, fileUrls, predictions, webhookUrl, webhookHeaders, expirationMinutes);
        return job is null
            ? HitlResults.ProjectNotFound()
            : HitlResults.Json(new JsonObject { ["job_id"] = job.JobId });
    }

    private static IResult GetJob(HttpContext context, string projectId, string jobId)
    {
        var store = Store(context);
        if (store.GetProjectStatus(projectId) is null)
        {
            return HitlResults.ProjectNotFound();
        }

        return store.FindJobSnapshot(projectId, jobId) is { } job
            ? HitlResults.Json(HitlJson.StatusObject(job, context.Request.PublicBaseUri()))
            : HitlResults.JobNotFound();
    }

    private static IResult ListJobs(HttpContext context, string projectId) =>
        Store(context).ListJobSnapshots(projectId) is { } jobs
            ? HitlResults.Json(HitlJson.StatusList(jobs, context.Request.PublicBaseUri()))
            : HitlResults.ProjectNotFound();

    private static IResult CancelJob(HttpContext context, string projectId, string jobId)
    {
        var (outcome, job) = Store(context).Cancel(projectId, jobId);
        return outcome switch
        {
            CancelOutcome.ProjectNotFound => HitlResults.ProjectNotFound(),
            CancelOutcome.JobNotFound => HitlResults.JobNotFound(),
            CancelOutcome.NotCancelable => BadRequest($"Job cannot be canceled: status is {job!.Status}"),

            // The document answers a cancel with a list of job status objects, though only one job is canceled.
            _ => HitlResults.Json(HitlJson.StatusList([job!], context.Request.PublicBaseUri())),
        };
    }

    private static IResult GetFile(HttpContext context, string projectId, string jobId, string fileName)
    {
        var store = Store(context);
        if (store.GetProjectStatus(projectId) is null)
        {
            return HitlResults.ProjectNotFound();
        }

        var job = store.FindJobSnapshot(projectId, jobId);
        if (job is null)
        {
            return HitlResults.JobNotFound();
        }

        if (!job.FileUrls.Any(url => HitlJson.FileName(url) == fileName))
        {
            return HitlResults.Detail(StatusCodes.Status404NotFound, "File not found");
        }

        var (content, contentType) = HitlFiles.Render(projectId, jobId, fileName);
        return Results.Bytes(content, contentType);
    }

    private static IResult GetMetrics(HttpContext context)
    {
        var query = HitlMetrics.Parse(context.Request.Query, out var error);
        return query is null
            ? BadRequest(error!)
            : HitlResults.Json(HitlMetrics.Compute(Store(context).SnapshotProjects(), query));
    }

    private static HitlStore Store(HttpContext context) => context.GetEmulatorAccount().Hitl;

    private static IResult BadRequest(string message) => HitlResults.Detail(StatusCodes.Status400BadRequest, message);
}
