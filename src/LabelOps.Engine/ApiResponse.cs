using System;
using System.Net;
using System.Net.Http.Headers;

namespace LabelOps.Engine
{
    /// <summary>A fully read answer: status, headers that matter, and the body bytes.</summary>
    internal sealed class ApiResponse
    {
        public ApiResponse(HttpStatusCode statusCode, string? contentType, byte[] body, RetryConditionHeaderValue? retryAfter)
            : this(statusCode, contentType, body, retryAfter, null)
        {
        }

        public ApiResponse(HttpStatusCode statusCode, string? contentType, byte[] body, RetryConditionHeaderValue? retryAfter, RateLimitHeaders? rateLimit)
        {
            RateLimit = rateLimit;
            StatusCode = statusCode;
            ContentType = contentType;
            Body = body;
            RetryAfter = retryAfter;
        }

        public HttpStatusCode StatusCode { get; }

        public int Status => (int)StatusCode;

        public bool IsSuccess => Status >= 200 && Status < 300;

        public string? ContentType { get; }

        public byte[] Body { get; }

        public RetryConditionHeaderValue? RetryAfter { get; }

        /// <summary>The service's rate-limit headers, when it sent any.</summary>
        public RateLimitHeaders? RateLimit { get; }
    }
}
