using System;
using System.Net.Http.Headers;

namespace LabelOps.Engine
{
    /// <summary>Reads a Retry-After header, which is either a number of seconds or an HTTP date (RFC 9110 §10.2.3).</summary>
    internal static class RetryAfter
    {
        public static TimeSpan? ToDelay(RetryConditionHeaderValue? header, DateTimeOffset now)
        {
            if (header == null)
            {
                return null;
            }
            if (header.Delta.HasValue)
            {
                return header.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : header.Delta.Value;
            }
            if (header.Date.HasValue)
            {
                var wait = header.Date.Value - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        public static TimeSpan? Parse(string? value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }
            return RetryConditionHeaderValue.TryParse(value!.Trim(), out var header) ? ToDelay(header, now) : null;
        }
    }
}
