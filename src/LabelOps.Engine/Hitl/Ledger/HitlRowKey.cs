using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Hitl.Ledger
{
    /// <summary>
    /// What makes two inputs "the same item" on a re-run: everything the create would send (project, file URLs in
    /// order, predictions, webhook URL and headers, expiration), as canonical JSON (object keys sorted, so a
    /// hashtable's order does not matter), hashed, plus the row's occurrence among identical rows of the run
    /// (the second of two identical rows is a second item, as it is without a ledger).
    /// </summary>
    internal sealed class HitlRowKey
    {
        private readonly Dictionary<string, int> _seen = new Dictionary<string, int>(StringComparer.Ordinal);

        /// <summary>The key of the next input; call in input order.</summary>
        public string Next(HitlJobRequest request)
        {
            var content = ContentHash(request);
            _seen.TryGetValue(content, out var count);
            _seen[content] = ++count;
            return content + "/" + count.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>32 hex digits of the SHA-256 of the request's canonical JSON.</summary>
        public static string ContentHash(HitlJobRequest request)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(request, ServiceJson.Hitl);
            using var document = JsonDocument.Parse(json);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteCanonical(document.RootElement, writer);
            }
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(buffer.ToArray());
            var text = new StringBuilder(32);
            for (var i = 0; i < 16; i++) text.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
            return text.ToString();
        }

        private static void WriteCanonical(JsonElement element, Utf8JsonWriter writer)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        writer.WritePropertyName(property.Name);
                        WriteCanonical(property.Value, writer);
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray()) WriteCanonical(item, writer);
                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
