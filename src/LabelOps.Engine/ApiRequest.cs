using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;

namespace LabelOps.Engine
{
    /// <summary>One call to a service, described independently of any attempt to send it (each retry builds a fresh message).</summary>
    internal sealed class ApiRequest
    {
        private readonly List<KeyValuePair<string, string>> _query = new List<KeyValuePair<string, string>>();

        private ApiRequest(HttpMethod method, string path, RequestKind kind)
        {
            Method = method;
            Path = path;
            Kind = kind;
        }

        public HttpMethod Method { get; }

        /// <summary>Path relative to the session's base URI, already escaped segment by segment.</summary>
        public string Path { get; }

        public RequestKind Kind { get; }

        public byte[]? JsonBody { get; private set; }

        /// <summary>A form for multipart/form-data uploads (instructions, chat files).</summary>
        public IReadOnlyList<MultipartPart>? Multipart { get; private set; }

        /// <summary>Makes the body of each attempt afresh (a stream cannot be sent twice), e.g. a file for a signed PUT.</summary>
        public Func<HttpContent>? ContentFactory { get; private set; }

        /// <summary>Set for calls to a full URL outside the API (signed storage URLs); null for API paths.</summary>
        public Uri? AbsoluteUri { get; private set; }

        /// <summary>False for calls that must never carry the API key, whatever their host (signed storage URLs).</summary>
        public bool SendsKey { get; private set; } = true;

        public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

        /// <summary>Builds a path from literal parts and caller-supplied IDs; every ID is escaped so '/', '?', '#' or '..' can never change the route.</summary>
        public static string PathOf(string prefix, params string[] ids)
        {
            var builder = new StringBuilder(prefix.TrimEnd('/'));
            foreach (var id in ids)
            {
                builder.Append('/').Append(EscapeSegment(id));
            }
            return builder.ToString();
        }

        public static string EscapeSegment(string id)
        {
            var escaped = Uri.EscapeDataString(id);
            // EscapeDataString leaves '.' alone; a segment of only dots would be collapsed by URI normalisation.
            return escaped.Trim('.').Length == 0 ? escaped.Replace(".", "%2E") : escaped;
        }

        public static ApiRequest Get(string path) => new ApiRequest(HttpMethod.Get, path, RequestKind.Read);

        /// <summary>A DELETE: every one the two services offer removes the same thing again harmlessly, so it is retried like a read.</summary>
        public static ApiRequest Delete(string path) => new ApiRequest(HttpMethod.Delete, path, RequestKind.Idempotent);

        public static ApiRequest Post(string path, RequestKind kind) => new ApiRequest(HttpMethod.Post, path, kind);

        /// <summary>A PUT to a pre-signed storage URL: idempotent, and never sent with the API key.</summary>
        public static ApiRequest PutToSignedUrl(Uri signedUrl, Func<HttpContent> content) =>
            new ApiRequest(HttpMethod.Put, signedUrl.AbsolutePath, RequestKind.Idempotent) { AbsoluteUri = signedUrl, SendsKey = false, ContentFactory = content };

        /// <summary>A GET of a full URL outside the API (e.g. an export archive on storage), never sent with the API key.</summary>
        public static ApiRequest GetUnauthenticated(Uri absoluteUrl) =>
            new ApiRequest(HttpMethod.Get, absoluteUrl.AbsolutePath, RequestKind.Read) { AbsoluteUri = absoluteUrl, SendsKey = false };

        public ApiRequest WithMultipart(IEnumerable<MultipartPart> parts)
        {
            Multipart = parts.ToList();
            return this;
        }

        public ApiRequest WithQuery(string name, string? value)
        {
            if (value != null)
            {
                _query.Add(new KeyValuePair<string, string>(name, value));
            }
            return this;
        }

        public ApiRequest WithJsonBody(byte[] utf8Json)
        {
            JsonBody = utf8Json;
            return this;
        }

        public string PathAndQuery =>
            _query.Count == 0
                ? Path
                : Path + "?" + string.Join("&", _query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }
}
