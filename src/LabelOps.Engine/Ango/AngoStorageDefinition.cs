using System.Collections.Generic;

namespace LabelOps.Engine.Ango
{
    /// <summary>A storage integration to create. Secrets are held only until the request is sent and never logged.</summary>
    internal sealed class AngoStorageDefinition
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>aws, gcs or azure.</summary>
        public string Type { get; set; } = string.Empty;

        public string Bucket { get; set; } = string.Empty;

        public string? Region { get; set; }

        /// <summary>The credentials object the service expects for the type (e.g. accessKeyId/secretAccessKey for aws).</summary>
        public IDictionary<string, string>? Credentials { get; set; }

        /// <summary>A GCS service account's key file, as text.</summary>
        public string? PrivateKey { get; set; }
    }
}
