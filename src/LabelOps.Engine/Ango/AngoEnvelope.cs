using System;
using System.Collections.Generic;
using System.Text.Json;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Ango wraps every answer: {"status":"success","data":{…}} or {"status":"fail"|"error","message":"…"}.
    /// A 2xx answer whose status is not "success" is a failure too (JSend: 'fail' is the caller's fault,
    /// 'error' the service's), reported with the service's message and never retried.
    /// </summary>
    internal static class AngoEnvelope
    {
        public static T ReadData<T>(ApiResponse response, Func<JsonElement, T> read)
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("The answer is not an Ango envelope object.");
            }
            var status = root.TryGetProperty("status", out var statusValue) && statusValue.ValueKind == JsonValueKind.String ? statusValue.GetString() : null;
            var message = root.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            ThrowUnlessSuccess(response, status, message);
            if (!root.TryGetProperty("data", out var data))
            {
                throw new JsonException("The Ango envelope has no 'data'.");
            }
            return read(data);
        }

        /// <summary>
        /// One page of a list, data.&lt;itemsProperty&gt;[] and data.total, read in one pass over the bytes: the items
        /// are deserialised straight from the reader, with no JsonDocument built first (a listing's hot path: this
        /// halves the parsing work per item). Same rules as <see cref="ReadData{T}"/>: a status other than success
        /// fails, a missing data or item list is an unexpected answer.
        /// </summary>
        public static Page<T> ReadPage<T>(ApiResponse response, string itemsProperty)
        {
            var reader = new Utf8JsonReader(response.Body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("The answer is not an Ango envelope object.");
            }
            string? status = null, message = null;
            List<T>? items = null;
            long? total = null;
            var hasData = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("status"))
                {
                    reader.Read();
                    status = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (reader.TokenType != JsonTokenType.String) reader.Skip();
                }
                else if (reader.ValueTextEquals("message"))
                {
                    reader.Read();
                    message = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (reader.TokenType != JsonTokenType.String) reader.Skip();
                }
                else if (reader.ValueTextEquals("data"))
                {
                    hasData = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        reader.Skip();
                        continue;
                    }
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals(itemsProperty))
                        {
                            reader.Read();
                            items = JsonSerializer.Deserialize<List<T>>(ref reader, Json.ServiceJson.Ango);
                        }
                        else if (reader.ValueTextEquals("total"))
                        {
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.Number) total = reader.GetInt64();
                            else reader.Skip();
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            ThrowUnlessSuccess(response, status, message);
            if (!hasData)
            {
                throw new JsonException("The Ango envelope has no 'data'.");
            }
            if (items == null)
            {
                throw new JsonException("The answer's data has no '" + itemsProperty + "'.");
            }
            return new Page<T>(items, total);
        }

        private static void ThrowUnlessSuccess(ApiResponse response, string? status, string? message)
        {
            if (status == null || string.Equals(status, "success", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
            message = message ?? "(no message)";
            var reason = string.Equals(status, "fail", StringComparison.OrdinalIgnoreCase) ? ErrorReason.InvalidArgument : ErrorReason.ServerError;
            throw new LabelOpsException(reason, "Ango answered HTTP " + response.Status + " with status '" + status + "': " + message)
            {
                StatusCode = response.Status,
                ServiceMessage = message,
            };
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
