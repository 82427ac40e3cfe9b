using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;

namespace LabelOps.Engine
{
    /// <summary>
    /// What a service says about its rate limit in an answer: X-RateLimit-Limit, X-RateLimit-Remaining and
    /// X-RateLimit-Reset (or the IETF draft's RateLimit-Limit/-Remaining/-Reset). Ango documents no header
    /// names, so every field is optional and an answer without them changes nothing.
    /// </summary>
    internal sealed class RateLimitHeaders
    {
        /// <summary>Reset values above this are Unix times (as GitHub sends), below it seconds from now.</summary>
        private const long UnixTimeThreshold = 1000000000;

        public RateLimitHeaders(long? limit, long? remaining, TimeSpan? reset)
        {
            Limit = limit;
            Remaining = remaining;
            Reset = reset;
        }

        public long? Limit { get; }

        /// <summary>Requests left in the current window.</summary>
        public long? Remaining { get; }

        /// <summary>Time until the window starts again, from when the answer was read.</summary>
        public TimeSpan? Reset { get; }

        /// <returns>The headers, or null when the answer has none of them.</returns>
        public static RateLimitHeaders? Read(HttpResponseHeaders headers, DateTimeOffset now)
        {
            var limit = Number(headers, "X-RateLimit-Limit", "RateLimit-Limit");
            var remaining = Number(headers, "X-RateLimit-Remaining", "RateLimit-Remaining");
            var reset = Number(headers, "X-RateLimit-Reset", "RateLimit-Reset");
            if (limit == null && remaining == null && reset == null)
            {
                return null;
            }
            TimeSpan? resetIn = null;
            if (reset.HasValue)
            {
                var seconds = reset.Value > UnixTimeThreshold ? (DateTimeOffset.FromUnixTimeSeconds(reset.Value) - now).TotalSeconds : reset.Value;
                resetIn = TimeSpan.FromSeconds(Math.Max(0, seconds));
            }
            return new RateLimitHeaders(limit, remaining, resetIn);
        }

        private static long? Number(HttpResponseHeaders headers, params string[] names)
        {
            foreach (var name in names)
            {
                if (headers.TryGetValues(name, out IEnumerable<string>? values)
                    && double.TryParse(values.FirstOrDefault()?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    && value >= 0)
                {
                    // Fractions are rounded up: waiting a little longer is never early.
                    return (long)Math.Ceiling(value);
                }
            }
            return null;
        }
    }
}
