using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Control;

/// <summary>
/// HTTP counterpart of the <see cref="EmulatorServer"/> API, for Pester tests and people at a console.
/// No authentication: the emulator only listens on loopback.
/// </summary>
internal static partial class ControlRoutes
{
    public static void Map(IEndpointRouteBuilder app, AccountRegistry accounts)
    {
        var control = app.MapGroup("/_emulator");
        control.MapPost("/accounts", context => Handle(context, accounts, CreateAccount));
        control.MapPost("/hitl/projects", context => Handle(context, accounts, CreateProject));
        control.MapPost("/hitl/projects/{projectId}/status", context => Handle(context, accounts, SetProjectStatus));
        control.MapPost("/hitl/jobs", context => Handle(context, accounts, CreateJob));
        control.MapPost("/hitl/generated-jobs", context => Handle(context, accounts, AddGeneratedJobs));
        control.MapPost("/hitl/jobs/{projectId}/{jobId}/status", context => Handle(context, accounts, SetJobStatus));
        control.MapPost("/faults", context => Handle(context, accounts, AddFault));
        control.MapDelete("/faults", context => Handle(context, accounts, (_, body, ctx) =>
        {
            Account(accounts, body, ctx).Faults.Clear();
            return Results.NoContent();
        }));
        control.MapPost("/fault-mix", context => Handle(context, accounts, SetFaultMix));
        control.MapGet("/fault-mix", context => Handle(context, accounts, (_, body, ctx) =>
            Account(accounts, body, ctx).FaultMix is { } mix
                ? Results.Json(new { mix.Seed, mix.Drawn, Injected = mix.Injected }, JsonSerializerOptions.Web)
                : Results.NoContent()));
        control.MapDelete("/fault-mix", context => Handle(context, accounts, (_, body, ctx) =>
        {
            Account(accounts, body, ctx).FaultMix = null;
            return Results.NoContent();
        }));
        control.MapGet("/activity", context => Handle(context, accounts, (_, body, ctx) =>
        {
            var account = Account(accounts, body, ctx);
            return Results.Json(new { requestsInFlight = account.RequestsInFlight, pendingFaults = account.Faults.Pending });
        }));
        control.MapGet("/requests", context => Handle(context, accounts, (_, body, ctx) =>
            Results.Json(Account(accounts, body, ctx).Requests, JsonSerializerOptions.Web)));
        // How many requests match, without their bodies: a test that polls for a count while a client runs (the kill
        // tests) would otherwise download the whole log at every look, slowly enough under load to miss its moment.
        control.MapGet("/requests/count", context => Handle(context, accounts, (_, body, ctx) =>
        {
            var method = ctx.Request.Query["method"].ToString();
            var prefix = ctx.Request.Query["pathPrefix"].ToString();
            var count = Account(accounts, body, ctx).Requests.Count(r =>
                (method.Length == 0 || string.Equals(r.Method, method, StringComparison.Ordinal))
                && r.Path.StartsWith(prefix, StringComparison.Ordinal));
            return Results.Json(new { count });
        }));
        control.MapDelete("/requests", context => Handle(context, accounts, (_, body, ctx) =>
        {
            Account(accounts, body, ctx).ClearRequests();
            return Results.NoContent();
        }));
        control.MapPost("/latency", context => Handle(context, accounts, SetLatency));
        control.MapPost("/rate-limit", context => Handle(context, accounts, SetRateLimit));
        control.MapGet("/rate-limit", context => Handle(context, accounts, (_, body, ctx) => RateLimitState(Account(accounts, body, ctx).Throttle)));
        control.MapGet("/unauthenticated-requests", context =>
            Results.Json(accounts.Unauthenticated.Snapshot(), JsonSerializerOptions.Web).ExecuteAsync(context));
        MapAngo(control, accounts);
    }

    private static IResult CreateAccount(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var account = accounts.Create(body.String("apiKey"), body.Bool("simulateWorkers"));
        return Results.Json(new { apiKey = account.ApiKey });
    }

    private static IResult CreateProject(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var id = Account(accounts, body, context).Hitl.AddProject(
            body.String("name") ?? "Project",
            body.String("status") ?? HitlStatuses.Active,
            body.String("instructionsFileUrl"));
        return Results.Json(new { id });
    }

    private static IResult CreateJob(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var projectId = body.String("projectId") ?? throw new FormatException("projectId is required.");
        var fileUrls = body.Node("fileUrls")?.Deserialize<string[]>();
        var job = Account(accounts, body, context).Hitl.AddJob(projectId, fileUrls, body.String("status") ?? HitlStatuses.New);
        // Tests of age-based clean-up (Stop-StaleHitlJob.ps1) need jobs made in the past: createDate sets when the job was made.
        if (body.String("createDate") is { } created)
        {
            job.CreateDate = DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture);
        }
        return JobStatus(accounts, body, context, job);
    }

    /// <summary>Adds count jobs at once (a big project's history for benchmarks): each as AddJob makes it, in one status.</summary>
    private static IResult AddGeneratedJobs(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var projectId = body.String("projectId") ?? throw new FormatException("projectId is required.");
        var count = body.Int("count") ?? throw new FormatException("count is required.");
        if (count is < 1 or > 1_000_000) throw new FormatException("count must be between 1 and 1,000,000.");
        var status = body.String("status") ?? HitlStatuses.Done;
        var hitl = Account(accounts, body, context).Hitl;
        for (var i = 0; i < count; i++)
        {
            hitl.AddJob(projectId, ["https://files.example.test/generated-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".png"], status);
        }
        return Results.Json(new { added = count, jobs = hitl.GetJobs(projectId).Count });
    }

    /// <summary>What a Humans in the Loop administrator does: activates (or deactivates) a project.</summary>
    private static IResult SetProjectStatus(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        Account(accounts, body, context).Hitl.SetProjectStatus(
            (string)context.Request.RouteValues["projectId"]!,
            body.String("status") ?? throw new FormatException("status is required."));
        return Results.NoContent();
    }

    private static IResult SetJobStatus(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var annotations = body.Node("annotations") switch
        {
            null => null,
            JsonObject obj => obj,
            _ => throw new FormatException("annotations must be a JSON object."),
        };
        var job = Account(accounts, body, context).Hitl.SetJobStatus(
            (string)context.Request.RouteValues["projectId"]!,
            (string)context.Request.RouteValues["jobId"]!,
            body.String("status") ?? throw new FormatException("status is required."),
            annotations,
            body.String("error"));
        return JobStatus(accounts, body, context, job);
    }

    private static IResult AddFault(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var fault = new Fault
        {
            Status = body.Int("status"),
            RetryAfter = body.String("retryAfter"),
            Delay = body.Int("delayMs") is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            DropConnection = body.Bool("drop"),
            TruncatedBody = body.Bool("truncate"),
            HtmlBody = body.Bool("html"),
            Body = body.String("body"),
            RedirectTo = body.String("redirectTo"),
            ContentType = body.String("contentType"),
            AfterHandler = body.Bool("afterHandler"),
            BodyChunkDelay = body.Int("bodyChunkDelayMs") is { } pause ? TimeSpan.FromMilliseconds(pause) : null,
            BodyChunkBytes = body.Int("bodyChunkBytes") ?? 1024,
        };
        Account(accounts, body, context).Faults.Add(
            body.String("method") ?? "*",
            body.String("path") ?? throw new FormatException("path is required, e.g. \"/v1/jobs/*/*\"."),
            fault,
            body.Int("times") ?? 1);
        return Results.NoContent();
    }

    private static IResult SetFaultMix(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        Account(accounts, body, context).FaultMix = new FaultMix(body.Int("seed") ?? 1)
        {
            RateLimitedWithRetryAfterPercent = body.Double("rateLimitedWithRetryAfterPercent") ?? 0,
            RateLimitedWithoutRetryAfterPercent = body.Double("rateLimitedWithoutRetryAfterPercent") ?? 0,
            ServerErrorPercent = body.Double("serverErrorPercent") ?? 0,
            ConnectionResetPercent = body.Double("connectionResetPercent") ?? 0,
            TruncatedBodyPercent = body.Double("truncatedBodyPercent") ?? 0,
            SlowResponsePercent = body.Double("slowResponsePercent") ?? 0,
            SlowDelay = TimeSpan.FromMilliseconds(body.Int("slowDelayMs") ?? 30_000),
            RetryAfter = body.String("retryAfter") ?? "0",
            AfterHandlerPercent = body.Double("afterHandlerPercent") ?? 50,
        };
        return Results.NoContent();
    }

    /// <summary>{"latencyMs": 50} for the whole server, or with "apiKey" for one account; 0 or null removes it.</summary>
    private static IResult SetLatency(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var ms = body.Int("latencyMs");
        if (ms is < 0) throw new FormatException("latencyMs cannot be negative.");
        var latency = ms is null or 0 ? (TimeSpan?)null : TimeSpan.FromMilliseconds(ms.Value);
        if (body.String("apiKey") is null)
        {
            accounts.Throttle.Latency = latency;
        }
        else
        {
            Account(accounts, body, context).Throttle.Latency = latency;
        }
        return Results.NoContent();
    }

    /// <summary>{"apiKey", "limit": 600, "windowSeconds": 60, "scope": "ango"|"hitl"|"all"}; a null or 0 limit removes it.</summary>
    private static IResult SetRateLimit(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var throttle = Account(accounts, body, context).Throttle;
        var limit = body.Int("limit") ?? body.Int("requestsPerMinute");
        var window = body.Int("windowSeconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var scope = body.String("scope") is { } text
            ? Enum.TryParse<RateLimitScope>(text, ignoreCase: true, out var parsed) ? parsed : throw new FormatException("scope must be ango, hitl or all.")
            : RateLimitScope.Ango;
        var mode = body.String("mode") is { } modeText
            ? Enum.TryParse<RateLimitMode>(modeText, ignoreCase: true, out var parsedMode) ? parsedMode : throw new FormatException("mode must be fixed or sliding.")
            : RateLimitMode.Fixed;
        throttle.SetRateLimit(limit is null or 0 ? null : limit, window, scope, mode);
        return RateLimitState(throttle);
    }

    private static IResult RateLimitState(AccountThrottle throttle) => Results.Json(new
    {
        limit = throttle.RateLimit,
        windowSeconds = throttle.RateLimitWindow.TotalSeconds,
        scope = throttle.RateLimitScope.ToString().ToLowerInvariant(),
        mode = throttle.RateLimitMode.ToString().ToLowerInvariant(),
        allowed = throttle.AllowedCount,
        rateLimited = throttle.RateLimitedCount,
        latencyMs = throttle.Latency?.TotalMilliseconds,
    });

    private static IResult JobStatus(AccountRegistry accounts, ControlBody body, HttpContext context, HitlJobRecord job)
    {
        var store = Account(accounts, body, context).Hitl;
        var snapshot = store.FindJobSnapshot(job.ProjectId, job.JobId) ?? job;
        return HitlResults.Json(HitlJson.StatusObject(snapshot, context.Request.PublicBaseUri()));
    }

    /// <summary>The account named by "apiKey" in the body, or in the query string for GET and DELETE.</summary>
    private static EmulatorAccount Account(AccountRegistry accounts, ControlBody body, HttpContext context)
    {
        var apiKey = body.String("apiKey") ?? context.Request.Query["apiKey"].ToString();
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new FormatException("apiKey is required.");
        }

        return accounts.Find(apiKey) ?? throw new ControlNotFoundException("No account has this apiKey.");
    }

    /// <summary>Runs a control action, turning bad input into 400, unknown things into 404 and clashes into 409.</summary>
    private static async Task Handle(
        HttpContext context, AccountRegistry accounts, Func<AccountRegistry, ControlBody, HttpContext, IResult> action)
    {
        IResult result;
        var body = await ControlBody.ReadAsync(context.Request);
        if (body is null)
        {
            result = Error(StatusCodes.Status400BadRequest, "The body must be a JSON object.");
        }
        else
        {
            try
            {
                result = action(accounts, body, context);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or JsonException)
            {
                result = Error(StatusCodes.Status400BadRequest, ex.Message);
            }
            catch (Exception ex) when (ex is ControlNotFoundException or KeyNotFoundException)
            {
                result = Error(StatusCodes.Status404NotFound, ex.Message);
            }
            catch (InvalidOperationException ex)
            {
                result = Error(StatusCodes.Status409Conflict, ex.Message);
            }
        }

        await result.ExecuteAsync(context);
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private sealed class ControlNotFoundException(string message) : Exception(message);
}
