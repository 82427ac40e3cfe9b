using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Hitl;

/// <summary>Responses in the service's (FastAPI-like) shape.</summary>
internal static class HitlResults
{
    public static IResult Json(JsonNode node, int statusCode = StatusCodes.Status200OK) =>
        Results.Content(node.ToJsonString(HitlJson.WriteOptions), "application/json", Encoding.UTF8, statusCode);

    /// <summary><c>{"detail": "message"}</c>.</summary>
    public static IResult Detail(int statusCode, string message) => Json(new JsonObject { ["detail"] = message }, statusCode);

    public static IResult ProjectNotFound() => Detail(StatusCodes.Status404NotFound, "Project not found");

    public static IResult JobNotFound() => Detail(StatusCodes.Status404NotFound, "Job not found");

    /// <summary>422 with a list of pydantic-style errors, as FastAPI answers a body that fails its schema.</summary>
    public static IResult ValidationFailed(JsonArray errors) => Json(new JsonObject { ["detail"] = errors.DeepClone() }, StatusCodes.Status422UnprocessableEntity);

    public static JsonObject ValidationError(JsonArray location, string message, string type) => new()
    {
        ["loc"] = location,
        ["msg"] = message,
        ["type"] = type,
    };
}
