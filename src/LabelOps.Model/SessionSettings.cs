using System;

namespace LabelOps
{
    /// <summary>What the engine tells a new session about its connection (internal: sessions are made by Connect-*).</summary>
    internal sealed class SessionSettings
    {
        public SessionSettings(string service, Uri baseUri, string userAgent, DateTimeOffset connectedAt, int maximumRetryCount, TimeSpan retryInterval,
            TimeSpan maximumRetryDelay, TimeSpan timeout, TimeSpan totalTimeout, int? maxRequestsPerMinute, string keyHint)
        {
            Service = service;
            BaseUri = baseUri;
            UserAgent = userAgent;
            ConnectedAt = connectedAt;
            MaximumRetryCount = maximumRetryCount;
            RetryInterval = retryInterval;
            MaximumRetryDelay = maximumRetryDelay;
            Timeout = timeout;
            TotalTimeout = totalTimeout;
            MaxRequestsPerMinute = maxRequestsPerMinute;
            KeyHint = keyHint;
        }

        public string Service { get; }
        public Uri BaseUri { get; }
        public string UserAgent { get; }
        public DateTimeOffset ConnectedAt { get; }
        public int MaximumRetryCount { get; }
        public TimeSpan RetryInterval { get; }
        public TimeSpan MaximumRetryDelay { get; }
        public TimeSpan Timeout { get; }
        public TimeSpan TotalTimeout { get; }
        public int? MaxRequestsPerMinute { get; }
        public string KeyHint { get; }
    }
}
