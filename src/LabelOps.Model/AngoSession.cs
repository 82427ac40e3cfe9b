using System;

namespace LabelOps
{
    /// <summary>An authenticated connection to the Ango Hub API v2 (what Connect-Ango returns).</summary>
    public sealed class AngoSession : ServiceSession
    {
        internal AngoSession(object connection, SessionSettings settings)
            : base(connection, settings)
        {
            foreach (AngoRegion region in Enum.GetValues(typeof(AngoRegion)))
            {
                if (Uri.Compare(BaseUriFor(region), BaseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    Region = region;
                }
            }
        }

        /// <summary>The documented server the session talks to; null for another address (an emulator, a proxy).</summary>
        public AngoRegion? Region { get; }

        /// <summary>The organisation id the key belongs to, as the first project listed by Connect-Ango or Test-AngoConnection names it; null when the account has no project yet.</summary>
        public string? Organization { get; set; }

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
    }
}
