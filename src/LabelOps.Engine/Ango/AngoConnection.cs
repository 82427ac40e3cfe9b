using System;
using System.Net.Http.Headers;
using System.Security;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    /// <summary>The engine half of an <see cref="AngoSession"/>: Ango Hub's authentication header.</summary>
    internal sealed class AngoConnection : ServiceConnection
    {
        private AngoConnection(SecureString apiKey, Uri baseUri, SessionOptions? options)
            : base("Ango", baseUri, apiKey, options)
        {
        }

        /// <summary>Opens a session (what Connect-Ango returns); nothing is sent until a cmdlet uses it.</summary>
        public static AngoSession Open(SecureString apiKey, Uri? baseUri = null, SessionOptions? options = null)
        {
            var connection = new AngoConnection(apiKey, baseUri ?? AngoSession.BaseUriFor(AngoRegion.EU), options);
            return new AngoSession(connection, connection.Settings());
        }

        protected override void Authenticate(HttpRequestHeaders headers, string key) =>
            headers.TryAddWithoutValidation("apikey", key);
    }
}
