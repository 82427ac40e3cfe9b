using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelOps.Json
{
    /// <summary>
    /// Service timestamps as <see cref="DateTimeOffset"/>. The HITL document only says "ISO date and time", and
    /// Python services often omit the offset; a timestamp without one is taken as UTC (assumption, see
    /// docs/assumptions.md). Empty strings read as null.
    /// </summary>
    public sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
    {
        public override bool HandleNull => true;

        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }
            if (reader.TokenType == JsonTokenType.Number)
            {
                // Epoch milliseconds, as some Ango fields use.
                return DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64());
            }
            var text = reader.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                return value;
            }
            throw new JsonException("'" + text + "' is not an ISO 8601 date and time.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value.HasValue)
            {
                writer.WriteStringValue(value.Value.ToString("o", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
