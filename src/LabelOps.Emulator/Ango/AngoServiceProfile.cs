using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Ango;

/// <summary>Ango Hub API v2: <c>/v2</c>, <c>apikey: KEY</c>, <c>{"status":"fail","message":…}</c> errors.</summary>
internal sealed class AngoServiceProfile : ServiceProfile
{
    public static readonly AngoServiceProfile Instance = new();

    public override string Name => "ango";

    public override PathString PathPrefix => "/v2";

    public override string? ReadApiKey(HttpRequest request)
    {
        var key = request.Headers["apikey"].ToString().Trim();
        return key.Length == 0 ? null : key;
    }

    public override string ErrorBody(string message) => AngoResults.ErrorBody("fail", message);

    public override async Task WriteUnauthorizedAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.ContentType = "application/json";
        await response.WriteAsync(AngoResults.ErrorBody("fail", "Invalid API key"));
    }
}
