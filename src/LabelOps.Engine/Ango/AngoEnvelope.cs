using System;
using System.Text.Json;
using LabelOps.Engine;

namespace LabelOps.Ango
{
    /// <summary>
    /// Ango wraps every answer: {"status":"success","data":{…}} or {"status":"fail"|"error","message":"…"}.
    /// A 2xx answer whose status is not "success" is a failure too (JSend: 'fail' is the caller's fault,
    /// 'error' the service's), reported with the service's message and never retried.
    /// </summary>
    public static class AngoEnvelope
    {
        public static T ReadData<T>(ApiResponse response, Func<JsonElement, T> read)
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("The answer is not an Ango envelope object.");
            }
            if (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
                && !string.Equals(status.GetString(), "success", StringComparison.OrdinalIgnoreCase))
            {
                var message = root.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : "(no message)";
                var reason = string.Equals(status.GetString(), "fail", StringComparison.OrdinalIgnoreCase) ? ErrorReason.InvalidArgument : ErrorReason.ServerError;
                throw new LabelOpsException(reason, "Ango answered HTTP " + response.Status + " with status '" + status.GetString() + "': " + message)
                {
                    StatusCode = response.Status,
                    ServiceMessage = message,
                };
            }
            if (!root.TryGetProperty("data", out var data))
            {
                throw new JsonException("The Ango envelope has no 'data'.");
            }
            return read(data);
        }

        /// <summary>data.&lt;name&gt; as T, in Ango's camelCase naming.</summary>
        public static T Property<T>(JsonElement data, string name)
        {
            if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(name, out var value))
            {
                throw new JsonException("The answer's data has no '" + name + "'.");
            }
            return value.Deserialize<T>(Json.ServiceJson.Ango)!;
        }

        public static long? Total(JsonElement data) =>
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty("total", out var total) && total.ValueKind == JsonValueKind.Number
                ? total.GetInt64()
                : (long?)null;
    }
}
