using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelOps.Engine.Json
{
    /// <summary>The one place where each service's JSON naming is mapped to .NET names.</summary>
    internal static class ServiceJson
    {
        /// <summary>Humans in the Loop: snake_case names ("job_id" ⇄ JobId).</summary>
        public static readonly JsonSerializerOptions Hitl = Create(JsonNamingPolicy.SnakeCaseLower);

        /// <summary>Ango Hub: camelCase names ("externalId" ⇄ ExternalId).</summary>
        public static readonly JsonSerializerOptions Ango = Create(JsonNamingPolicy.CamelCase);

        private static JsonSerializerOptions Create(JsonNamingPolicy naming)
        {
            var options = new JsonSerializerOptions
            {
                PropertyNamingPolicy = naming,
                PropertyNameCaseInsensitive = true,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                NumberHandling = JsonNumberHandling.AllowReadingFromString,
                TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { WireContract.Apply } },
            };
            options.Converters.Add(new LenientDateTimeOffsetConverter());
            options.MakeReadOnly();
            return options;
        }
    }
}
