using System;
using System.Net.Http.Headers;
using System.Security;
using LabelOps.Engine;

namespace LabelOps
{
    /// <summary>An authenticated connection to the Humans in the Loop API (what Connect-Hitl returns).</summary>
    public sealed class HitlSession : ServiceSession
    {
        public static readonly Uri DefaultBaseUri = new Uri("https://api.humansintheloop.org/");

        public HitlSession(SecureString apiKey, Uri? baseUri = null, SessionOptions? options = null)
            : base("Hitl", baseUri ?? DefaultBaseUri, apiKey, options)
        {
        }

        /// <summary>The projects this session has used, for tab completion (the API cannot list projects).</summary>
        internal Hitl.SeenProjects SeenProjects { get; } = new Hitl.SeenProjects();

        protected override void Authenticate(HttpRequestHeaders headers, string key) =>
            headers.TryAddWithoutValidation("Authorization", "api_key " + key);
    }
}
