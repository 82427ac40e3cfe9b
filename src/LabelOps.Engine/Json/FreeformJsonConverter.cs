using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelOps.Engine.Json
{
    /// <summary>
    /// Free-form service JSON (annotations, predictions, contextData, metadata) as plain .NET values:
    /// objects become case-insensitive ordered dictionaries, arrays become object[], numbers long or double.
    /// PowerShell navigates dictionaries with dot notation ($job.Annotations.objects[0].label) and ConvertTo-Json
    /// gives the service's shape back. System.Text.Json's JsonElement would not support dot notation, and
    /// PowerShell's own converter (ConvertFrom-Json) is not reachable from netstandard2.0, hence this small reader.
    /// </summary>
    internal sealed class FreeformJsonConverter : JsonConverter<object?>
    {
        public static readonly FreeformJsonConverter Instance = new FreeformJsonConverter();

        public override bool HandleNull => true;

        // A model property's value (Answer, Metadata, Annotations, …): its outer object or list writes itself as JSON
        // in ToString, so Export-Csv puts JSON in the cell instead of the type name. Nested values stay plain.
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => JsonTextValue.Wrap(ReadValue(ref reader));

        /// <summary>
        /// JSON written as text (a CSV cell, a parameter value): when <paramref name="text"/> starts with '{' or '[' it
        /// is read as free-form JSON into <paramref name="value"/>; otherwise false. Invalid JSON is
        /// LabelOps.InvalidArgument naming <paramref name="name"/>.
        /// </summary>
        public static bool TryReadText(string text, string name, out object? value)
        {
            value = null;
            var trimmed = text.Trim();
            if (!trimmed.StartsWith("{", StringComparison.Ordinal) && !trimmed.StartsWith("[", StringComparison.Ordinal))
            {
                return false;
            }
            try
            {
                var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(trimmed));
                reader.Read();
                value = ReadValue(ref reader);
                return true;
            }
            catch (JsonException exception)
            {
                throw LabelOps.LabelOpsException.InvalidArgument(name + " is not valid JSON: " + exception.Message);
            }
        }

        public static object? ReadValue(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var whole)) return whole;
                    return reader.GetDouble();
                case JsonTokenType.StartArray:
                    var items = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader));
                    }
                    return items.ToArray();
                case JsonTokenType.StartObject:
                    var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString()!;
                        reader.Read();
                        map[name] = ReadValue(ref reader);
                    }
                    return map;
                default:
                    throw new JsonException("Unexpected JSON token " + reader.TokenType);
            }
        }

        /// <summary>A JsonElement (e.g. extension data) as free-form values.</summary>
        public static object? FromElement(JsonElement element)
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(element.GetRawText()));
            reader.Read();
            return ReadValue(ref reader);
        }

        public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options) => WriteValue(writer, value, options);

        public static void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    return;
                case string text:
                    writer.WriteStringValue(text);
                    return;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    return;
                case JsonElement element:
                    element.WriteTo(writer);
                    return;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                        WriteValue(writer, entry.Value, options);
                    }
                    writer.WriteEndObject();
                    return;
                case IEnumerable sequence:
                    writer.WriteStartArray();
                    foreach (var item in sequence)
                    {
                        WriteValue(writer, item, options);
                    }
                    writer.WriteEndArray();
                    return;
                default:
                    JsonSerializer.Serialize(writer, value, value.GetType(), options);
                    return;
            }
        }
    }
}
