using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LabelOps.Emulator.Ango;

internal static partial class AngoRoutes
{
    static partial void MapOrganization(RouteGroupBuilder v2, EmulatorOptions options)
    {
        v2.MapGet("/organization/{orgId}/users", ListOrganizationMembers);
        v2.MapPost("/organization/{orgId}/users", (Func<HttpContext, string, Task<IResult>>)SetOrganizationMemberRolesAsync);
        v2.MapDelete("/organization/{orgId}/users", (Func<HttpContext, string, Task<IResult>>)RemoveOrganizationMembersAsync);
        v2.MapGet("/organization/{orgId}/invites", ListOrganizationInvites);
        v2.MapPost("/organization/{orgId}/invites", (Func<HttpContext, string, Task<IResult>>)CreateOrganizationInvitesAsync);
        v2.MapDelete("/organization/{orgId}/invites", (Func<HttpContext, string, Task<IResult>>)RemoveOrganizationInvitesAsync);
        v2.MapGet("/storages", ListStorages);
        v2.MapPost("/storages", (Func<HttpContext, Task<IResult>>)CreateStorageAsync);
        v2.MapDelete("/storages/{storageId}", DeleteStorage);
    }

    /// <summary>Another organisation's id is refused as the service refuses it: the key has no rights there.</summary>
    private static IResult? WrongOrganization(HttpContext context, string orgId) =>
        orgId == Store(context).OrganizationId ? null : AngoResults.Fail(StatusCodes.Status403Forbidden, "You are not a member of this organization");

    private static IResult ListOrganizationMembers(HttpContext context, string orgId)
    {
        if (WrongOrganization(context, orgId) is { } refused) return refused;
        var (paging, invalid) = AngoPaging.Read(context.Request);
        if (invalid is not null) return invalid;
        var search = context.Request.Query["search"].ToString();
        var members = Store(context).FindMembers(search.Length == 0 ? null : search);
        return AngoResults.Success(new JsonObject { ["users"] = paging.Apply(members, out _) });
    }

    private static async Task<IResult> SetOrganizationMemberRolesAsync(HttpContext context, string orgId)
    {
        if (WrongOrganization(context, orgId) is { } refused) return refused;
        var body = await AngoAdminBodies.ReadObjectAsync(context.Request);
        if (body?["users"] is not JsonArray users || users.Count == 0)
        {
            return AngoResults.BadRequest("users must be a non-empty array of {email, organizationRole}");
        }
        var changes = new List<(string, string)>();
        foreach (var user in users)
        {
            if (user is not JsonObject u || (string?)u["email"] is not { } email || (string?)u["organizationRole"] is not { } role)
            {
                return AngoResults.BadRequest("each user needs email and organizationRole");
            }
            changes.Add((email, role));
        }
        var results = Store(context).SetMemberRoles(changes);
        return AngoResults.Success(new JsonObject
        {
            ["users"] = new JsonObject
            {
                ["updated"] = results.Count(r => r.Status == "updated"),
                ["failed"] = results.Count(r => r.Status != "updated"),
                ["results"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject { ["email"] = r.Email, ["status"] = r.Status }).ToArray()),
            },
        });
    }

    private static async Task<IResult> RemoveOrganizationMembersAsync(HttpContext context, string orgId)
    {
        if (WrongOrganization(context, orgId) is { } refused) return refused;
        var emails = EmailList(await AngoAdminBodies.ReadObjectAsync(context.Request), "users");
        if (emails is null) return AngoResults.BadRequest("users must be a non-empty array of emails");
        var (deleted, failed) = Store(context).RemoveMembers(emails);
        return AngoResults.Success(new JsonObject { ["deleted"] = deleted, ["failed"] = failed });
    }

    private static IResult ListOrganizationInvites(HttpContext context, string orgId)
    {
        if (WrongOrganization(context, orgId) is { } refused) return refused;
        var (paging, invalid) = AngoPaging.Read(context.Request);
        if (invalid is not null) return invalid;
        return AngoResults.Success(new JsonObject { ["invites"] = paging.Apply(Store(context).GetInvites(), out _) });
    }

    private static async Task<IResult> CreateOrganizationInvitesAsync(HttpContext context, string orgId)
    {
        if (WrongOrganization(context, orgId) is { } refused) return refused;
        var body = await AngoAdminBodies.ReadObjectAsync(context.Request);
        var emails = EmailList(body, "to");
        if (emails is null) return AngoResults.BadRequest("to must be a non-empty array of emails");
        var role = (string?)body!["organizationRole"];
        if (role is null || !AngoStore.OrganizationRoles.Contains(role)) return AngoResults.BadRequest("organizationRole must be Admin, Member or Guest");
        var assignments = body["projectAssignments"] as JsonArray ?? new JsonArray();
        foreach (var assignment in assignments)
        {
            if (assignment is not JsonObject a || (string?)a["projectId"] is null || (string?)a["projectRole"] is not ("Manager" or "Lead" or "Reviewer" or "Labeler"))
            {
                return AngoResults.BadRequest("each project assignment needs projectId and projectRole (Manager, Lead, Reviewer or Labeler)");
            }
        }
        var invites = Store(context).CreateInvites(emails, role, assignments);
        return AngoResults.Success(new JsonObject { ["invites"] = new JsonArray(invites.Select(i => (JsonNode)i).ToArray()) }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveOrganizationInvitesAsync(HttpContext context, string orgId)
    {
        if (WrongOrganization(context, orgId) is { } refused) return refused;
        var emails = EmailList(await AngoAdminBodies.ReadObjectAsync(context.Request), "invites");
        if (emails is null) return AngoResults.BadRequest("invites must be a non-empty array of emails");
        var (deleted, failed) = Store(context).RemoveInvites(emails);
        return AngoResults.Success(new JsonObject { ["deleted"] = deleted, ["failed"] = failed });
    }

    private static List<string>? EmailList(JsonObject? body, string property)
    {
        if (body?[property] is not JsonArray array || array.Count == 0) return null;
        var emails = new List<string>();
        foreach (var item in array)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var email) || !email.Contains('@')) return null;
            emails.Add(email);
        }
        return emails;
    }

    /// <summary>data.storages with no total, as the reference shows it.</summary>
    private static IResult ListStorages(HttpContext context)
    {
        var (paging, invalid) = AngoPaging.Read(context.Request);
        if (invalid is not null) return invalid;
        return AngoResults.Success(new JsonObject { ["storages"] = paging.Apply(Store(context).GetStorages(), out _) });
    }

    private static async Task<IResult> CreateStorageAsync(HttpContext context)
    {
        var body = await AngoAdminBodies.ReadObjectAsync(context.Request);
        var name = (string?)body?["name"];
        var type = (string?)body?["type"];
        var bucket = (string?)body?["bucket"];
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(bucket)) return AngoResults.BadRequest("name and bucket are required");
        if (type is not ("aws" or "gcs" or "azure")) return AngoResults.BadRequest("type must be aws, gcs or azure");
        var credentials = body!["credentials"] as JsonObject;
        var privateKey = body["privateKey"];
        if (credentials is null && privateKey is null) return AngoResults.BadRequest("credentials are required");
        if (type == "aws" && credentials is not null && ((string?)credentials["accessKeyId"] is null || (string?)credentials["secretAccessKey"] is null))
        {
            return AngoResults.BadRequest("aws credentials need accessKeyId and secretAccessKey");
        }
        var secrets = new JsonObject { ["credentials"] = credentials?.DeepClone(), ["privateKey"] = privateKey?.DeepClone() };
        var storage = Store(context).CreateStorage(name, type, bucket, (string?)body["region"], secrets);
        return AngoResults.Success(new JsonObject { ["storage"] = storage });
    }

    private static IResult DeleteStorage(HttpContext context, string storageId) =>
        Store(context).DeleteStorage(storageId) is { } storage
            ? AngoResults.Success(new JsonObject { ["storage"] = storage })
            : AngoResults.NotFound("Storage");
}
