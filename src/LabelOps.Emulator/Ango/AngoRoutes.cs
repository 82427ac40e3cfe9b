using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Ango;

/// <summary>
/// The endpoints of Ango Hub API v2 under /v2. Authentication, faults and logging happen before these handlers
/// (see <see cref="ServiceMiddleware"/>). Each area maps its routes in its own partial file through the
/// partial methods below, so areas can be added without touching this one.
/// </summary>
internal static partial class AngoRoutes
{
    public static void Map(IEndpointRouteBuilder app, EmulatorOptions options)
    {
        var v2 = app.MapGroup("/v2");
        v2.MapGet("/listProjects", ListProjects);
        v2.MapGet("/project/{projectId}", GetProject);
        MapProjects(v2, options);
        MapTasks(v2, options);
        MapAssets(v2, options);
        MapExportsAndIssues(v2, options);
        MapOrganization(v2, options);
    }

    static partial void MapProjects(RouteGroupBuilder v2, EmulatorOptions options);

    static partial void MapTasks(RouteGroupBuilder v2, EmulatorOptions options);

    static partial void MapAssets(RouteGroupBuilder v2, EmulatorOptions options);

    static partial void MapExportsAndIssues(RouteGroupBuilder v2, EmulatorOptions options);

    static partial void MapOrganization(RouteGroupBuilder v2, EmulatorOptions options);

    internal static AngoStore Store(HttpContext context) => context.GetEmulatorAccount().Ango;

    private static IResult ListProjects(HttpContext context)
    {
        var (paging, invalid) = AngoPaging.Read(context.Request);
        if (invalid is not null)
        {
            return invalid;
        }
        var page = paging.Apply(Store(context).ProjectListItems(), out var total);
        return AngoResults.Success(new System.Text.Json.Nodes.JsonObject { ["projects"] = page, ["total"] = total });
    }

    private static IResult GetProject(HttpContext context, string projectId) =>
        Store(context).GetProject(projectId) is { } project
            ? AngoResults.Success(new System.Text.Json.Nodes.JsonObject { ["project"] = project })
            : AngoResults.NotFound("Project");
}
