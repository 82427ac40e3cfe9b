using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Control;

/// <summary>
/// Lenient reading of control-surface bodies: names match in any case, and numbers and booleans may
/// arrive as strings, because these come from hand-written PowerShell and curl as often as from code.
/// </summary>
internal sealed class ControlBody
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly JsonObject _fields;

    private ControlBody(JsonObject fields) => _fields = fields;

    /// <returns>The body (empty when none was sent), or null when it is not a JSON object.</returns>
    public static async Task<ControlBody?> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ControlBody(new JsonObject(NodeOptions));
        }

        try
        {
            return JsonNode.Parse(text, NodeOptions) is JsonObject fields ? new ControlBody(fields) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public JsonNode? Node(string name) => _fields.TryGetPropertyValue(name, out var node) ? node : null;

    public string? String(string name) => Node(name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => other.ToJsonString(),
    };

    public int? Int(string name)
    {
        var text = String(name);
        return text is null ? null
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw new FormatException($"{name} must be an integer.");
    }

    public double? Double(string name)
    {
        var text = String(name);
        return text is null ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw new FormatException($"{name} must be a number.");
    }

    public bool Bool(string name)
    {
        var text = String(name);
        return text is null ? false
            : bool.TryParse(text, out var value) ? value
            : throw new FormatException($"{name} must be true or false.");
    }
}
