using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Ango;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Adds attachments (reference images, videos or text shown beside an asset) to existing assets. Rows are
    /// collected and sent 100 per request to POST /attachments; a row that is not valid is one error and is not sent.
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "AngoAttachment", DefaultParameterSetName = SingleSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(AngoAttachmentImportResult))]
    public sealed class AddAngoAttachment : AngoCmdlet
    {
        private const string SingleSet = "Single";
        private const string RowSet = "InputObject";
        private static readonly string[] Types = { "IMAGE", "VIDEO", "TEXT" };

        private readonly List<AngoNewAttachment> _pending = new List<AngoNewAttachment>();

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(LabelOps.Completers.AngoProjectIdCompleter))]
        public string ProjectId { get; set; } = string.Empty;

        /// <summary>Rows with externalId or assetId, the URL (data, attachmentUrl or value) and the type (type or attachmentType).</summary>
        [Parameter(ParameterSetName = RowSet, Mandatory = true, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = SingleSet)]
        [ValidateNotNullOrEmpty]
        public string? ExternalId { get; set; }

        [Parameter(ParameterSetName = SingleSet)]
        [Alias("Id", "_id")]
        [ValidateNotNullOrEmpty]
        public string? AssetId { get; set; }

        /// <summary>The attachment's URL; for a TEXT attachment, the text itself.</summary>
        [Parameter(ParameterSetName = SingleSet, Mandatory = true, Position = 1)]
        [Alias("Url", "Data", "AttachmentUrl")]
        [ValidateNotNullOrEmpty]
        public string Uri { get; set; } = string.Empty;

        [Parameter(ParameterSetName = SingleSet, Mandatory = true, Position = 2)]
        [ValidateSet("IMAGE", "VIDEO", "TEXT", IgnoreCase = true)]
        [Alias("AttachmentType")]
        public string Type { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            object? target = ParameterSetName == RowSet ? (object?)InputObject : Uri;
            try
            {
                var attachment = ParameterSetName == RowSet ? FromRow(InputObject) : Checked(ExternalId, AssetId, Uri, Type);
                if (ShouldProcess((attachment.AssetId ?? attachment.ExternalId) + ": " + attachment.AttachmentType + " " + attachment.AttachmentUrl, "Add attachment in Ango project " + ProjectId))
                {
                    _pending.Add(attachment);
                }
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, target));
            }
        }

        protected override void EndProcessing()
        {
            for (var start = 0; start < _pending.Count; start += AngoClient.AssetsPerRegistration)
            {
                var chunk = _pending.Skip(start).Take(AngoClient.AssetsPerRegistration).ToList();
                RunForItem(chunk.ToArray(), async (bridge, token) =>
                    bridge.WriteObject(await ClientFor(bridge).AddAttachmentsAsync(ProjectId, chunk, token).ConfigureAwait(false)));
            }
        }

        private static AngoNewAttachment FromRow(PSObject? row)
        {
            var values = PowerShellValues.ToPlain(row) as IDictionary
                ?? throw LabelOpsException.InvalidArgument("An attachment row must be an object or hashtable; it was " + (row?.BaseObject?.GetType().Name ?? "null") + ".");
            return Checked(
                Text(values, "externalId"),
                Text(values, "assetId") ?? Text(values, "_id"),
                Text(values, "attachmentUrl") ?? Text(values, "data") ?? Text(values, "value") ?? Text(values, "uri"),
                Text(values, "attachmentType") ?? Text(values, "type"));
        }

        private static AngoNewAttachment Checked(string? externalId, string? assetId, string? url, string? type)
        {
            if (externalId == null && assetId == null)
            {
                throw LabelOpsException.InvalidArgument("An attachment needs the asset's externalId or assetId.");
            }
            if (url == null)
            {
                throw LabelOpsException.InvalidArgument("An attachment needs its URL (or, for TEXT, its text).");
            }
            var upper = type?.ToUpperInvariant();
            if (upper == null || !Types.Contains(upper))
            {
                throw LabelOpsException.InvalidArgument("An attachment's type must be IMAGE, VIDEO or TEXT; it was '" + type + "'.");
            }
            if (upper != "TEXT" && !System.Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                throw LabelOpsException.InvalidArgument("The " + upper + " attachment's URL '" + url + "' is not an absolute URL.");
            }
            return new AngoNewAttachment { ExternalId = assetId == null ? externalId : null, AssetId = assetId, AttachmentUrl = url, AttachmentType = upper };
        }

        private static string? Text(IDictionary values, string name)
        {
            var value = values.Contains(name) ? values[name] : null;
            var text = value == null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }
    }
}
