using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace LabelOps.Engine
{
    /// <summary>
    /// What -Debug shows of a JSON body: the body with the values of secret-looking properties replaced, so
    /// webhook tokens, storage credentials and passwords never reach a transcript. The API key is never in a
    /// body at all; this protects the secrets users send to the services.
    /// </summary>
    internal static class DebugText
    {
        private static readonly string[] SecretNameParts =
        {
            "secret", "password", "passwd", "token", "credential", "privatekey", "private_key", "accesskey", "access_key",
            "apikey", "api_key", "authorization", "webhook_headers", "webhookheaders", "signature",
        };

        public const string Mask = "********";

        public static bool IsSecretName(string name)
        {
            var lower = name.ToLowerInvariant();
            foreach (var part in SecretNameParts)
            {
                if (lower.Contains(part)) return true;
            }
            return false;
        }

        /// <summary>The body as text with secret values masked; non-JSON bodies are shown as they are.</summary>
        public static string Redact(byte[] body)
        {
            if (body.Length == 0)
            {
                return string.Empty;
            }
            try
            {
                using var document = JsonDocument.Parse(body);
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    Write(document.RootElement, writer);
                }
                return Encoding.UTF8.GetString(buffer.ToArray());
            }
            catch (JsonException)
            {
                return Encoding.UTF8.GetString(body);
            }
        }

        /// <summary>A pre-signed URL (upload or download) is a credential in its query: show it without the query.</summary>
        public static string WithoutSignedQuery(string text)
        {
            var query = text.IndexOf('?');
            if (query < 0 || !(text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
            {
                return text;
            }
            foreach (var pair in text.Substring(query + 1).Split('&'))
            {
                var name = pair.Split('=')[0];
                if (IsSecretName(name) || name.IndexOf("sig", StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("credential", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return text.Substring(0, query) + "?…";
                }
            }
            return text;
        }

        private static void Write(JsonElement element, Utf8JsonWriter writer)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject())
                    {
                        writer.WritePropertyName(property.Name);
                        if (IsSecretName(property.Name) && property.Value.ValueKind != JsonValueKind.Null)
                        {
                            writer.WriteStringValue(Mask);
                        }
                        else
                        {
                            Write(property.Value, writer);
                        }
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray()) Write(item, writer);
                    writer.WriteEndArray();
                    break;
                case JsonValueKind.String:
                    writer.WriteStringValue(WithoutSignedQuery(element.GetString() ?? string.Empty));
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
