using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LabelOps.Emulator.Hitl;

/// <summary>
/// Reads a JSON request body field by field and collects schema errors the way FastAPI (pydantic v1) words
/// them, so that a request with any schema error is answered 422 with all of them at once.
/// </summary>
/// <remarks>
/// Stricter than pydantic, which would coerce 5 to "5" or "60" to 60: a client that relies on coercion
/// is fragile against the real service, so the emulator refuses it.
/// </remarks>
internal sealed class HitlRequestBody
{
    private readonly JsonObject _fields;
    private readonly JsonArray _errors = new();

    private HitlRequestBody(JsonObject fields) => _fields = fields;

    public bool HasErrors => _errors.Count > 0;

    public IResult ErrorResult() => HitlResults.ValidationFailed(_errors);

    /// <returns>The body, or the 422 answer when the body is missing, not JSON, or not an object.</returns>
    public static async Task<(HitlRequestBody? Body, IResult? Error)> ReadAsync(HttpRequest request)
    {
        // FastAPI parses the body as JSON only when there is no content type or a JSON one.
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && !mediaType.SubTypeWithoutSuffix.Equals("json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Fail(Loc(), "value is not a valid dict", "type_error.dict"));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Fail(Loc(), "field required", "value_error.missing"));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
            _ = (node as JsonObject)?.Count; // JsonObject parses lazily; surface duplicate keys here.
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            var position = ex is JsonException { BytePositionInLine: { } p } ? (int)p : 0;
            return (null, Fail(new JsonArray("body", position), "Expecting value: " + ex.Message, "value_error.jsondecode"));
        }

        return node is JsonObject fields
            ? (new HitlRequestBody(fields), null)
            : (null, Fail(Loc(), "value is not a valid dict", "type_error.dict"));
    }

    public string? RequiredString(string name) => String(name, required: true);

    public string? OptionalString(string name) => String(name, required: false);

    public List<string>? RequiredStringList(string name)
    {
        if (Field(name, required: true) is not { } node)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            AddError(Loc(name), "value is not a valid list", "type_error.list");
            return null;
        }

        var values = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                values.Add(value.GetValue<string>());
            }
            else
            {
                AddError(new JsonArray("body", name, i), "str type expected", "type_error.str");
            }
        }

        return values;
    }

    public JsonObject? OptionalObject(string name)
    {
        if (Field(name, required: false) is not { } node)
        {
            return null;
        }

        if (node is JsonObject obj)
        {
            return (JsonObject)obj.DeepClone();
        }

        AddError(Loc(name), "value is not a valid dict", "type_error.dict");
        return null;
    }

    /// <summary>An optional object whose values must all be strings, like HTTP headers.</summary>
    public JsonObject? OptionalStringMap(string name)
    {
        var map = OptionalObject(name);
        if (map is null)
        {
            return null;
        }

        var valid = true;
        foreach (var (key, value) in map)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                AddError(new JsonArray("body", name, key), "str type expected", "type_error.str");
                valid = false;
            }
        }

        return valid ? map : null;
    }

    public int? OptionalInt(string name)
    {
        if (Field(name, required: false) is not { } node)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            var number = value.GetValue<double>();
            if (Math.Floor(number) == number)
            {
                // Out-of-range integers are still integers: the range check that follows reports them.
                return number >= int.MaxValue ? int.MaxValue : number <= int.MinValue ? int.MinValue : (int)number;
            }
        }

        AddError(Loc(name), "value is not a valid integer", "type_error.integer");
        return null;
    }

    private string? String(string name, bool required)
    {
        if (Field(name, required) is not { } node)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        AddError(Loc(name), "str type expected", "type_error.str");
        return null;
    }

    /// <summary>The field's value; null (with an error when required) when it is absent or JSON null.</summary>
    private JsonNode? Field(string name, bool required)
    {
        if (!_fields.TryGetPropertyValue(name, out var node))
        {
            if (required)
            {
                AddError(Loc(name), "field required", "value_error.missing");
            }

            return null;
        }

        if (node is null && required)
        {
            AddError(Loc(name), "none is not an allowed value", "type_error.none.not_allowed");
        }

        return node;
    }

    private void AddError(JsonArray location, string message, string type) =>
        _errors.Add(HitlResults.ValidationError(location, message, type));

    private static JsonArray Loc(string? field = null) => field is null ? new JsonArray("body") : new JsonArray("body", field);

    private static IResult Fail(JsonArray location, string message, string type) =>
        HitlResults.ValidationFailed(new JsonArray(HitlResults.ValidationError(location, message, type)));
}
