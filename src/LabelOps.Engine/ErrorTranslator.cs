using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LabelOps.Engine
{
    /// <summary>Turns an unsuccessful answer, or a failed transport, into a <see cref="LabelOpsException"/>.</summary>
    internal static class ErrorTranslator
    {
        public static ErrorReason ReasonFor(int status)
        {
            switch (status)
            {
                case 400:
                case 405:
                case 413:
                case 415:
                case 422:
                    return ErrorReason.InvalidArgument;
                case 401:
                    return ErrorReason.Unauthorized;
                case 403:
                    return ErrorReason.Forbidden;
                case 404:
                case 410:
                    return ErrorReason.NotFound;
                case 409:
                    return ErrorReason.Conflict;
                case 429:
                    return ErrorReason.RateLimited;
                case 408:
                case 504:
                    return ErrorReason.Timeout;
                default:
                    return status >= 500 ? ErrorReason.ServerError : ErrorReason.InvalidArgument;
            }
        }

        public static LabelOpsException FromResponse(ApiResponse response, string method, Uri uri, int attempts)
        {
            var serviceMessage = ServiceMessage(response);
            var message = string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} failed with HTTP {2}: {3}",
                method, uri.AbsolutePath, response.Status, serviceMessage);
            if (attempts > 1)
            {
                message += string.Format(CultureInfo.InvariantCulture, " (after {0} attempts)", attempts);
            }
            return new LabelOpsException(ReasonFor(response.Status), message)
            {
                StatusCode = response.Status,
                Method = method,
                Uri = uri,
                ServiceMessage = serviceMessage,
                Attempts = attempts,
            };
        }

        public static LabelOpsException FromTransport(Exception exception, string method, Uri uri, int attempts, bool totalTimeout)
        {
            var reason = totalTimeout || exception is Polly.Timeout.TimeoutRejectedException ? ErrorReason.Timeout
                : exception is ResponseFormatException ? ErrorReason.InvalidResponse
                : ErrorReason.NetworkError;
            var what = reason == ErrorReason.Timeout ? "timed out" : reason == ErrorReason.InvalidResponse ? "returned an unreadable answer" : "could not reach the service";
            var message = string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} {2} after {3} attempt(s): {4}",
                method, uri.AbsolutePath, what, attempts, exception.Message);
            return new LabelOpsException(reason, message, exception) { Method = method, Uri = uri, Attempts = attempts };
        }

        /// <summary>The service's own words: the 'message', 'detail' or 'error' of a JSON body, or a summary of any other body.</summary>
        public static string ServiceMessage(ApiResponse response)
        {
            var body = response.Body;
            if (body.Length == 0)
            {
                return response.StatusCode + " (empty body)";
            }
            if (LooksLikeJson(body))
            {
                try
                {
                    using var document = JsonDocument.Parse(body);
                    var text = MessageFrom(document.RootElement);
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        return text!;
                    }
                }
                catch (JsonException)
                {
                    return response.StatusCode + " (unreadable JSON body)";
                }
            }
            var contentType = response.ContentType ?? string.Empty;
            if (contentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0 || StartsWith(body, "<"))
            {
                return response.StatusCode + " (HTML error page)";
            }
            var plain = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300)).Trim();
            return plain.Length == 0 ? response.StatusCode + " (empty body)" : plain;
        }

        private static string? MessageFrom(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var name in new[] { "message", "detail", "error" })
            {
                if (!root.TryGetProperty(name, out var value))
                {
                    continue;
                }
                if (value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
                if (value.ValueKind == JsonValueKind.Array)
                {
                    // FastAPI-style validation detail: [{ "loc": [...], "msg": "..." }]
                    var parts = new StringBuilder();
                    foreach (var item in value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("msg", out var msg))
                        {
                            if (parts.Length > 0) parts.Append("; ");
                            if (item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
                            {
                                var field = string.Empty;
                                foreach (var segment in loc.EnumerateArray()) field = segment.ToString();
                                parts.Append(field).Append(": ");
                            }
                            parts.Append(msg.ToString());
                        }
                    }
                    if (parts.Length > 0) return parts.ToString();
                }
                if (value.ValueKind == JsonValueKind.Object)
                {
                    return MessageFrom(value);
                }
            }
            return null;
        }

        private static bool LooksLikeJson(byte[] body)
        {
            foreach (var b in body)
            {
                if (b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t') continue;
                return b == (byte)'{' || b == (byte)'[';
            }
            return false;
        }

        private static bool StartsWith(byte[] body, string prefix)
        {
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64)).TrimStart();
            return text.StartsWith(prefix, StringComparison.Ordinal);
        }
    }
}
