using System.Collections.Generic;
using System.Text.Json.Serialization;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Hitl
{
    /// <summary>The body of POST /v1/jobs.</summary>
    internal sealed class HitlJobRequest
    {
        public string ProjectId { get; set; } = string.Empty;

        public IList<string> FileUrls { get; set; } = new List<string>();

        [JsonConverter(typeof(FreeformJsonConverter))]
        public object? Predictions { get; set; }

        public string? WebhookUrl { get; set; }

        public IDictionary<string, string>? WebhookHeaders { get; set; }

        public int? ExpirationMinutes { get; set; }
    }
}
