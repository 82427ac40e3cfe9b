using System;
using System.Net.Http.Headers;
using System.Security;
using LabelOps.Engine;

namespace LabelOps.Engine.Hitl
{
    /// <summary>The engine half of a <see cref="HitlSession"/>: Humans in the Loop's authentication header.</summary>
    internal sealed class HitlConnection : ServiceConnection
    {
        private HitlConnection(SecureString apiKey, Uri baseUri, SessionOptions? options)
            : base("Hitl", baseUri, apiKey, options)
        {
        }

        /// <summary>Opens a session (what Connect-Hitl returns); nothing is sent until a cmdlet uses it.</summary>
        public static HitlSession Open(SecureString apiKey, Uri? baseUri = null, SessionOptions? options = null)
        {
            var connection = new HitlConnection(apiKey, baseUri ?? HitlSession.DefaultBaseUri, options);
            return new HitlSession(connection, connection.Settings());
        }

        protected override void Authenticate(HttpRequestHeaders headers, string key) =>
            headers.TryAddWithoutValidation("Authorization", "api_key " + key);
    }
}
