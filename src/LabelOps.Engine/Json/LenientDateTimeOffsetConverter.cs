using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelOps.Engine.Json
{
    /// <summary>
    /// Service timestamps as <see cref="DateTimeOffset"/>. The HITL document only says "ISO date and time", and
    /// Python services often omit the offset; a timestamp without one is taken as UTC (assumption, see
    /// docs/assumptions.md). Empty strings read as null.
    /// </summary>
    internal sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
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
            // The common case, an ISO 8601 string that names its offset ('Z' or ±hh:mm), is read without making a
            // string first (a listing reads three per task). The reader would take a string without an offset
            // as local time, so those go the lenient way below, as UTC.
            if (!reader.HasValueSequence && !reader.ValueIsEscaped && NamesOffset(reader.ValueSpan) && reader.TryGetDateTimeOffset(out var exact))
            {
                return exact.ToUniversalTime();
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

        private static bool NamesOffset(ReadOnlySpan<byte> value)
        {
            if (value.Length < 20) return false; // shorter than yyyy-MM-ddTHH:mm:ssZ
            var last = value[value.Length - 1];
            if (last == (byte)'Z' || last == (byte)'z') return true;
            // ...±hh:mm
            var sign = value[value.Length - 6];
            return (sign == (byte)'+' || sign == (byte)'-') && value[value.Length - 3] == (byte)':';
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
