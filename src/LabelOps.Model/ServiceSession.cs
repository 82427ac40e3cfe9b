using System;

namespace LabelOps
{
    /// <summary>
    /// An authenticated connection to one service, as a user sees it: where it goes and how patiently it retries.
    /// The HTTP connection pool, retry pipeline and rate gate behind it live in the engine (isolated with its
    /// libraries; see docs/module-loading.md) and are reached through <see cref="Connection"/>, which is internal,
    /// so a session shows no engine members. The key is never stored here. Safe to share across runspaces.
    /// </summary>
    public abstract class ServiceSession : IDisposable
    {
        private readonly SessionSettings _settings;
        private object? _connection;

        internal ServiceSession(object connection, SessionSettings settings)
        {
            _connection = connection;
            _settings = settings;
        }

        public string Service => _settings.Service;

        public Uri BaseUri => _settings.BaseUri;

        public string UserAgent => _settings.UserAgent;

        public DateTimeOffset ConnectedAt => _settings.ConnectedAt;

        /// <summary>The key's last four characters behind asterisks (only asterisks for short keys), to tell accounts apart.</summary>
        public string KeyHint => _settings.KeyHint;

        /// <summary>Retries after the first attempt.</summary>
        public int MaximumRetryCount => _settings.MaximumRetryCount;

        /// <summary>First backoff delay; later ones grow exponentially, with jitter.</summary>
        public TimeSpan RetryInterval => _settings.RetryInterval;

        /// <summary>Longest single backoff delay, and the longest Retry-After honoured.</summary>
        public TimeSpan MaximumRetryDelay => _settings.MaximumRetryDelay;

        /// <summary>Time allowed for one attempt.</summary>
        public TimeSpan Timeout => _settings.Timeout;

        /// <summary>Time allowed for a whole call including every retry.</summary>
        public TimeSpan TotalTimeout => _settings.TotalTimeout;

        /// <summary>Client-side ceiling on requests per minute for the whole session, or null.</summary>
        public int? MaxRequestsPerMinute => _settings.MaxRequestsPerMinute;

        /// <summary>False once Disconnect-* has closed the session.</summary>
        public bool IsConnected => _connection != null;

        /// <summary>The engine's connection (LabelOps.Engine.ServiceConnection); null once disposed.</summary>
        internal object? Connection => _connection;

        public override string ToString() => Service + " session to " + BaseUri + " (key " + KeyHint + ")";

        /// <summary>Closes the connection pool and timers behind the session (Disconnect-* calls this).</summary>
        public void Dispose()
        {
            var connection = System.Threading.Interlocked.Exchange(ref _connection, null);
            (connection as IDisposable)?.Dispose();
        }
    }
}
