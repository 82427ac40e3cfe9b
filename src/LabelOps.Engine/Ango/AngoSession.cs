using System;
using System.Net.Http.Headers;
using System.Security;
using LabelOps.Engine;

namespace LabelOps
{
    /// <summary>The Ango Hub servers the documentation names.</summary>
    public enum AngoRegion
    {
        EU,
        US,
        India,
        Test,
    }

    /// <summary>An authenticated connection to the Ango Hub API v2 (what Connect-Ango returns).</summary>
    public sealed class AngoSession : ServiceSession
    {
        public AngoSession(SecureString apiKey, Uri? baseUri = null, SessionOptions? options = null)
            : base("Ango", baseUri ?? BaseUriFor(AngoRegion.EU), apiKey, options)
        {
        }

        public static Uri BaseUriFor(AngoRegion region)
        {
            switch (region)
            {
                case AngoRegion.US: return new Uri("https://us-api.ango.ai/v2/");
                case AngoRegion.India: return new Uri("https://in-api.ango.ai/v2/");
                case AngoRegion.Test: return new Uri("https://testapi.ango.ai/v2/");
                default: return new Uri("https://imeritapi.ango.ai/v2/");
            }
        }

        protected override void Authenticate(HttpRequestHeaders headers, string key) =>
            headers.TryAddWithoutValidation("apikey", key);
    }
}
