using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Hitl;

/// <summary>Humans in the Loop API v1: <c>/v1</c>, <c>Authorization: api_key KEY</c>, <c>{"detail": ...}</c> errors.</summary>
internal sealed class HitlServiceProfile : ServiceProfile
{
    public static readonly HitlServiceProfile Instance = new();

    private const string Scheme = "api_key";

    public override string Name => "hitl";

    public override PathString PathPrefix => "/v1";

    public override string? ReadApiKey(HttpRequest request)
    {
        var value = request.Headers.Authorization.ToString().Trim();
        if (value.Length <= Scheme.Length
            || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(value[Scheme.Length]))
        {
            return null;
        }

        var key = value[Scheme.Length..].Trim();
        return key.Length == 0 ? null : key;
    }

    public override string ErrorBody(string message) => new JsonObject { ["detail"] = message }.ToJsonString(HitlJson.WriteOptions);

    public override async Task WriteUnauthorizedAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.ContentType = "application/json";
        await response.WriteAsync(ErrorBody("Invalid API key"));
    }
}
