using System;

namespace LabelOps
{
    /// <summary>An authenticated connection to the Ango Hub API v2 (what Connect-Ango returns).</summary>
    public sealed class AngoSession : ServiceSession
    {
        internal AngoSession(object connection, SessionSettings settings)
            : base(connection, settings)
        {
        }

        /// <summary>The API address of an Ango Hub region.</summary>
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
