using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Hitl;
using LabelOps.Engine.Json;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>
    /// Reads the body of the service's webhook call as a HitlJob. Accepts the JSON text, an Azure Automation
    /// $WebhookData object (its RequestBody is used) or the JSON text of a whole $WebhookData, as PowerShell 7
    /// runbooks receive it.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "HitlWebhook")]
    [OutputType(typeof(HitlJob))]
    public sealed class ConvertFromHitlWebhook : LabelOpsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("RequestBody", "WebhookData")]
        public object Body { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            try
            {
                WriteObject(HitlClient.ParseWebhookBody(BodyText(Body)));
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, Body));
            }
        }

        private static string BodyText(object body)
        {
            var value = body is PSObject wrapped ? wrapped : PSObject.AsPSObject(body);
            var requestBody = value.Properties["RequestBody"]?.Value;
            if (requestBody != null && !(value.BaseObject is string))
            {
                return BodyText(requestBody);
            }
            if (value.BaseObject is string text)
            {
                return Unwrap(text);
            }
            if (value.BaseObject is IDictionary || value.BaseObject is PSCustomObject)
            {
                var plain = PowerShellValues.ToPlain(value);
                var json = JsonSerializer.Serialize<object?>(plain, ServiceJson.Hitl);
                return Unwrap(json);
            }
            throw LabelOpsException.InvalidArgument("Body must be the webhook's JSON text or a $WebhookData object.");
        }

        // A whole $WebhookData serialised as JSON: { "WebhookName": ..., "RequestBody": "<json>", "RequestHeader": ... }
        private static string Unwrap(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("RequestBody", out var inner)
                    && inner.ValueKind == JsonValueKind.String)
                {
                    return inner.GetString() ?? string.Empty;
                }
            }
            catch (JsonException)
            {
                // Not JSON at all: the parser below reports it with the service's field names.
            }
            return text;
        }
    }
}
