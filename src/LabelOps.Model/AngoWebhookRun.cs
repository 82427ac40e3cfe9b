namespace LabelOps
{
    /// <summary>A webhook rerun the service accepted (PSTypeName LabelOps.AngoWebhookRun).</summary>
    public sealed class AngoWebhookRun
    {
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>The name of the webhook stage.</summary>
        public string? Stage { get; set; }

        /// <summary>The id of the webhook stage.</summary>
        public string StageId { get; set; } = string.Empty;

        /// <summary>The service's answer (its data), navigable with dot notation.</summary>
        public object? Response
        {
            get => _response;
            set => _response = JsonTextValue.Wrap(value);
        }

        // Free-form JSON; kept as a map or list that writes itself as JSON in Export-Csv.
        private object? _response;
    }
}
