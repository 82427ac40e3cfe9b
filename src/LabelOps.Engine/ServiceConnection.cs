using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;

namespace LabelOps.Engine
{
    /// <summary>
    /// One authenticated connection to a service: base URI, key, one pooled <see cref="HttpClient"/> and one
    /// resilience pipeline. Every request of every cmdlet goes through <see cref="SendAsync{T}"/> or
    /// <see cref="DownloadAsync"/>, so retry, timeouts, redirects, logging and error mapping live here only.
    /// Thread-safe: one session may serve many runspaces at once.
    /// </summary>
    internal abstract class ServiceConnection : IDisposable
    {
        private const int MaximumRedirects = 5;
        private const int DebugBodyLimit = 4000;

        private readonly ApiKey _key;
        private readonly HttpClient _http;
        private readonly ResiliencePipeline<ApiResponse> _pipeline;

        protected ServiceConnection(string service, Uri baseUri, SecureString apiKey, SessionOptions? options)
        {
            Service = service;
            BaseUri = NormaliseBaseUri(baseUri);
            _key = new ApiKey(apiKey);
            KeyHint = HintOf(_key.Reveal());
            Options = (options ?? new SessionOptions()).Clone();
            Options.Validate();
            UserAgent = "LabelOps/" + ModuleVersion;
            ConnectedAt = DateTimeOffset.UtcNow;
            _http = CreateHttpClient(UserAgent);
            _pipeline = ResiliencePipelineFactory.Create(Options, TimeProvider.System);
        }

        public string Service { get; }

        /// <summary>
        /// The key's last four characters behind asterisks (****-key), so that two sessions can be told apart
        /// without showing the key; only asterisks for keys shorter than 12 characters, whose tail would give too much away.
        /// </summary>
        public string KeyHint { get; }

        public Uri BaseUri { get; }

        public string UserAgent { get; }

        public DateTimeOffset ConnectedAt { get; }

        /// <summary>A copy of the settings; changing it does not change the session.</summary>
        public SessionOptions Options { get; }

        public static string ModuleVersion { get; } =
            typeof(ServiceConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

        public override string ToString() => Service + " connection to " + BaseUri;

        private static string HintOf(string key) => key.Length < 12 ? "****" : "****" + key.Substring(key.Length - 4);

        /// <summary>What the public session shows of this connection (never the key).</summary>
        internal LabelOps.SessionSettings Settings() => new LabelOps.SessionSettings(
            Service, BaseUri, UserAgent, ConnectedAt, Options.MaximumRetryCount, Options.RetryInterval, Options.MaximumRetryDelay,
            Options.Timeout, Options.TotalTimeout, Options.MaxRequestsPerMinute, KeyHint);

        /// <summary>The engine half of a public session (see <see cref="LabelOps.ServiceSession"/>).</summary>
        public static ServiceConnection Of(LabelOps.ServiceSession session) =>
            session.Connection as ServiceConnection ?? throw new LabelOpsException(ErrorReason.NotConnected,
                "This " + session.Service + " session was disconnected (Disconnect-" + session.Service + "); run Connect-" + session.Service + " again.");

        /// <summary>Ends the connection pool; requests already under way are cancelled.</summary>
        public void Dispose() => _http.Dispose();

        /// <summary>Adds this service's authentication header. Called only for requests to the session's own host.</summary>
        protected abstract void Authenticate(HttpRequestHeaders headers, string key);

        /// <summary>Sends a request and parses a successful answer inside the attempt, so an unreadable answer to a read is retried too.</summary>
        public async Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, IRequestObserver observer, CancellationToken cancellationToken)
        {
            var uri = request.AbsoluteUri ?? new Uri(BaseUri, request.PathAndQuery);
            var result = default(T)!;
            await ExecuteAsync(
                request,
                uri,
                observer,
                async (state, token) =>
                {
                    var response = await SendOnceAsync(state, uri, token).ConfigureAwait(false);
                    if (response.IsSuccess)
                    {
                        result = ParseInsideAttempt(parse, response);
                    }
                    return response;
                },
                cancellationToken).ConfigureAwait(false);
            return result;
        }

        /// <summary>
        /// Streams a file from an absolute URI into <paramref name="consume"/>, which must start over each time it
        /// is called (a retry after a broken download calls it again). The key is sent only to the session's host.
        /// </summary>
        public Task DownloadAsync(Uri uri, Func<Stream, long?, CancellationToken, Task> consume, IRequestObserver observer, CancellationToken cancellationToken) =>
            DownloadAsync(ApiRequest.Get(uri.AbsolutePath), uri, consume, observer, cancellationToken);

        /// <summary>As above, for a request built by the caller (e.g. <see cref="ApiRequest.GetUnauthenticated"/>).</summary>
        public Task DownloadAsync(ApiRequest request, Func<Stream, long?, CancellationToken, Task> consume, IRequestObserver observer, CancellationToken cancellationToken) =>
            DownloadAsync(request, request.AbsoluteUri ?? new Uri(BaseUri, request.PathAndQuery), consume, observer, cancellationToken);

        private Task DownloadAsync(ApiRequest request, Uri uri, Func<Stream, long?, CancellationToken, Task> consume, IRequestObserver observer, CancellationToken cancellationToken)
        {
            return ExecuteAsync(
                request,
                uri,
                observer,
                async (state, token) =>
                {
                    // -Timeout bounds the wait for the answer's headers, then each wait for more of the body: a large
                    // file over a slow link takes as long as it takes, a link that goes quiet fails in -Timeout.
                    HttpResponseMessage response;
                    using (var headers = CancellationTokenSource.CreateLinkedTokenSource(token))
                    {
                        headers.CancelAfter(Options.Timeout);
                        try
                        {
                            response = await SendWithRedirectsAsync(state, uri, headers.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException exception) when (!token.IsCancellationRequested)
                        {
                            throw new TimeoutRejectedException("No answer within " + Options.Timeout.TotalSeconds + " s.", Options.Timeout, exception);
                        }
                    }
                    using (response)
                    {
                        if (!response.IsSuccessStatusCode)
                        {
                            return await ReadAsync(response, token).ConfigureAwait(false);
                        }
                        using var stream = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), Options.Timeout, response.Dispose);
                        await consume(stream, response.Content.Headers.ContentLength, token).ConfigureAwait(false);
                        return new ApiResponse(response.StatusCode, null, Array.Empty<byte>(), null, RateLimitHeaders.Read(response.Headers, DateTimeOffset.UtcNow));
                    }
                },
                cancellationToken,
                streamsBody: true);
        }

        private async Task ExecuteAsync(
            ApiRequest request,
            Uri uri,
            IRequestObserver observer,
            Func<AttemptState, CancellationToken, Task<ApiResponse>> attempt,
            CancellationToken cancellationToken,
            bool streamsBody = false)
        {
            var state = new AttemptState(request, uri, observer) { StreamsBody = streamsBody };
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(ResiliencePipelineFactory.StateKey, state);
            Outcome<ApiResponse> outcome;
            try
            {
                outcome = await _pipeline.ExecuteOutcomeAsync(
                    async (ctx, s) =>
                    {
                        s.Attempts++;
                        var watch = Stopwatch.StartNew();
                        try
                        {
                            var response = await attempt(s, ctx.CancellationToken).ConfigureAwait(false);
                            s.Observer.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} -> {2} ({3} ms)", request.Method.Method, s.DisplayUri, response.Status, watch.ElapsedMilliseconds));
                            return Outcome.FromResult(response);
                        }
                        catch (Exception exception)
                        {
                            s.Observer.Verbose(string.Format(CultureInfo.InvariantCulture, "{0} {1} failed after {2} ms: {3}", request.Method.Method, s.DisplayUri, watch.ElapsedMilliseconds, exception.Message));
                            return Outcome.FromException<ApiResponse>(exception);
                        }
                    },
                    context,
                    state).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            if (outcome.Exception != null)
            {
                var exception = outcome.Exception;
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The operation was stopped.", exception, cancellationToken);
                }
                if (exception is LabelOpsException)
                {
                    throw exception;
                }
                throw ErrorTranslator.FromTransport(exception, request.Method.Method, ReportedUri(request, uri), state.Attempts, ResiliencePipelineFactory.IsTimeout(exception));
            }
            var final = outcome.Result!;
            if (!final.IsSuccess)
            {
                throw ErrorTranslator.FromResponse(final, request.Method.Method, ReportedUri(request, uri), state.Attempts);
            }
        }

        /// <summary>The URI an error carries: without the query for signed storage URLs, whose query is a credential.</summary>
        private static Uri ReportedUri(ApiRequest request, Uri uri) => request.SendsKey ? uri : new Uri(uri.GetLeftPart(UriPartial.Path));

        private static T ParseInsideAttempt<T>(Func<ApiResponse, T> parse, ApiResponse response)
        {
            try
            {
                return parse(response);
            }
            catch (JsonException exception)
            {
                // Name what came instead (a proxy's HTML page, plain text) rather than only where the parser stopped.
                var instead = response.ContentType == null || response.ContentType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0
                    ? string.Empty
                    : "it is " + (response.ContentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0 ? "an HTML page" : response.ContentType) + "; ";
                throw new ResponseFormatException("The answer is not the JSON expected (" + instead + exception.Message + ")", exception);
            }
            catch (InvalidOperationException exception) when (!(exception is ObjectDisposedException))
            {
                throw new ResponseFormatException("The answer has an unexpected shape (" + exception.Message + ")", exception);
            }
        }

        private async Task<ApiResponse> SendOnceAsync(AttemptState state, Uri uri, CancellationToken cancellationToken)
        {
            var debug = state.Observer.WantsDebug();
            if (debug && state.Request.JsonBody != null)
            {
                state.Observer.Debug("Request body: " + Truncate(DebugText.Redact(state.Request.JsonBody)));
            }
            using var response = await SendWithRedirectsAsync(state, uri, cancellationToken).ConfigureAwait(false);
            var result = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
            if (debug)
            {
                state.Observer.Debug("Response body: " + Truncate(DebugText.Redact(result.Body)));
            }
            return result;
        }

        private async Task<HttpResponseMessage> SendWithRedirectsAsync(AttemptState state, Uri uri, CancellationToken cancellationToken)
        {
            var method = state.Request.Method;
            var body = state.Request.JsonBody;
            for (var hop = 0; ; hop++)
            {
                using var message = new HttpRequestMessage(method, uri);
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (state.Request.SendsKey && IsSessionHost(uri))
                {
                    Authenticate(message.Headers, _key.Reveal());
                }
                if (body != null)
                {
                    message.Content = new ByteArrayContent(body);
                    message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                }
                else if (state.Request.Multipart != null && hop == 0)
                {
                    message.Content = MultipartContent(state.Request.Multipart);
                }
                else if (state.Request.ContentFactory != null && hop == 0)
                {
                    message.Content = state.Request.ContentFactory();
                }
                var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var location = response.Headers.Location;
                if (!IsRedirect(response.StatusCode) || location == null || hop >= MaximumRedirects)
                {
                    return response;
                }
                // Redirects are followed here rather than by HttpClient because HttpClient would carry a custom
                // key header (Ango's 'apikey') to whatever host the redirect names; IsSessionHost decides instead.
                response.Dispose();
                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                if (response.StatusCode == HttpStatusCode.SeeOther)
                {
                    method = HttpMethod.Get;
                    body = null;
                }
                state.Observer.Verbose("Following redirect to " + uri.GetLeftPart(UriPartial.Path));
            }
        }

        private static HttpContent MultipartContent(IReadOnlyList<MultipartPart> parts)
        {
            var form = new MultipartFormDataContent();
            foreach (var part in parts)
            {
                var content = new ByteArrayContent(part.Content);
                if (part.FileName == null)
                {
                    form.Add(content, part.Name);
                }
                else
                {
                    content.Headers.ContentType = new MediaTypeHeaderValue(part.ContentType ?? "application/octet-stream");
                    form.Add(content, part.Name, part.FileName);
                }
            }
            return form;
        }

        private static async Task<ApiResponse> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            byte[] body;
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new MemoryStream())
            {
                await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                body = buffer.ToArray();
            }
            return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers.RetryAfter, RateLimitHeaders.Read(response.Headers, DateTimeOffset.UtcNow));
        }

        private bool IsSessionHost(Uri uri) =>
            Uri.Compare(uri, BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool IsRedirect(HttpStatusCode status)
        {
            var code = (int)status;
            return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
        }

        private static string Truncate(string text) =>
            text.Length <= DebugBodyLimit ? text : text.Substring(0, DebugBodyLimit) + "… (" + text.Length.ToString(CultureInfo.InvariantCulture) + " characters)";

        private static HttpClient CreateHttpClient(string userAgent)
        {
            TlsPolicy.Apply();
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                // Windows PowerShell (.NET Framework) allows only 2 connections per host by default; bulk cmdlets run up to 64.
                MaxConnectionsPerServer = 64,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            // Timeouts are Polly's job (per attempt and per call), so HttpClient's own is switched off.
            var client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
            return client;
        }

        /// <summary>Checks a base URI: absolute, https (http only for loopback hosts), no credentials or query; ends with '/'.</summary>
        public static Uri NormaliseBaseUri(Uri baseUri)
        {
            if (baseUri == null || !baseUri.IsAbsoluteUri)
            {
                throw LabelOpsException.InvalidArgument("The base URI must be an absolute http(s) URI.");
            }
            if (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp)
            {
                throw LabelOpsException.InvalidArgument("The base URI must use https (or http for a loopback host), not '" + baseUri.Scheme + "'.");
            }
            if (baseUri.Scheme == Uri.UriSchemeHttp && !baseUri.IsLoopback)
            {
                throw LabelOpsException.InvalidArgument("http:// is allowed only for loopback hosts such as 127.0.0.1 or localhost; use https:// for " + baseUri.Host + ".");
            }
            if (!string.IsNullOrEmpty(baseUri.UserInfo) || !string.IsNullOrEmpty(baseUri.Query) || !string.IsNullOrEmpty(baseUri.Fragment))
            {
                throw LabelOpsException.InvalidArgument("The base URI must not contain user information, a query or a fragment.");
            }
            var text = baseUri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }
    }
}
