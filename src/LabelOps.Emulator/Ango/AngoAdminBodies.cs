using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Ango;

/// <summary>Reads the JSON bodies of the export, issue, storage and organisation routes.</summary>
internal static class AngoAdminBodies
{
    /// <summary>The body as a JSON object, or null when it is missing or not an object.</summary>
    public static async Task<JsonObject?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A query value that is a JSON array of strings (as the SDK sends batches and stages); null when absent, false when malformed.</summary>
    public static bool TryReadIdList(HttpRequest request, string name, out System.Collections.Generic.HashSet<string>? ids)
    {
        ids = null;
        if (!request.Query.TryGetValue(name, out var text) || string.IsNullOrEmpty(text))
        {
            return true;
        }
        try
        {
            var array = JsonNode.Parse(text.ToString()) as JsonArray;
            if (array is null) return false;
            ids = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
            foreach (var item in array)
            {
                if (item is not JsonValue value || !value.TryGetValue<string>(out var id)) return false;
                ids.Add(id);
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
