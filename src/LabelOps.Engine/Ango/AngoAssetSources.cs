using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// The assets Add-AngoAsset is given, as <see cref="AngoAssetImportItem"/>s: a local file (external id: its name), a
    /// URL (external id: its last segment), or a row of plain values (Import-Csv, [pscustomobject], a hashtable) with
    /// data and optionally externalId, batches, metadata, contextData, attachments and storage. An input that cannot
    /// be an asset is an InvalidArgument failure for that input only.
    /// </summary>
    internal static class AngoAssetSources
    {
        public static AngoAssetImportItem FromFile(string file, string? storageId) =>
            new AngoAssetImportItem(new AngoNewAsset { ExternalId = Path.GetFileName(file), SourcePath = file, Storage = storageId }, file, file);

        public static AngoAssetImportItem FromUrl(string url, string? storageId)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                throw LabelOpsException.InvalidArgument("'" + url + "' is not an absolute URL.");
            }
            return new AngoAssetImportItem(new AngoNewAsset { Data = url, ExternalId = ExternalIdOf(url), Storage = storageId }, null, url);
        }

        /// <param name="row">The row as plain values: a dictionary, names case-insensitive.</param>
        /// <param name="typeName">What the row was given as, for the error when it is not a dictionary.</param>
        /// <param name="target">What an error about the row names (the row as given).</param>
        public static AngoAssetImportItem FromRow(object? row, string typeName, object? target, string? storageId)
        {
            var values = row as IDictionary
                ?? throw LabelOpsException.InvalidArgument("An asset row must be an object or hashtable with a 'data' property; it was " + typeName + ".");
            var data = Text(values, "data") ?? throw LabelOpsException.InvalidArgument("The asset row has no 'data' (the asset's URL).");
            if (!Uri.TryCreate(data, UriKind.Absolute, out _))
            {
                throw LabelOpsException.InvalidArgument("The asset row's data '" + data + "' is not an absolute URL.");
            }
            var asset = new AngoNewAsset
            {
                Data = data,
                ExternalId = Text(values, "externalId") ?? ExternalIdOf(data),
                Metadata = Json(values, "metadata"),
                ContextData = Json(values, "contextData"),
                Attachments = Json(values, "attachments"),
                Storage = Text(values, "storage") ?? Text(values, "storageId") ?? storageId,
            };
            return new AngoAssetImportItem(asset, null, target, List(values.Contains("batches") ? values["batches"] : null));
        }

        /// <summary>The URL's last path segment, unescaped, or the URL itself when it has none.</summary>
        public static string ExternalIdOf(string url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url;
            var name = Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? string.Empty).Trim('/');
            return name.Length == 0 ? url : name;
        }

        private static string? Text(IDictionary values, string name)
        {
            var value = values.Contains(name) ? values[name] : null;
            var text = value == null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        /// <summary>A free-form column: a value as given, or a JSON object or array written as text (a CSV cell); empty text is none.</summary>
        private static object? Json(IDictionary values, string name) => values.Contains(name) ? ParsedJson(values[name], name) : null;

        private static object? ParsedJson(object? value, string name)
        {
            if (!(value is string text)) return value;
            if (text.Trim().Length == 0) return null;
            return FreeformJsonConverter.TryReadText(text, name, out var parsed) ? parsed : text;
        }

        /// <summary>A 'batches' column: a list, a JSON array, or names separated by ';' or ','.</summary>
        private static IReadOnlyList<string>? List(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text when text.TrimStart().StartsWith("[", StringComparison.Ordinal):
                    return (ParsedJson(text, "batches") as IEnumerable)?.Cast<object?>().Select(Invariant).ToList();
                case string text:
                    return text.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
                case IEnumerable items:
                    return items.Cast<object?>().Select(Invariant).ToList();
                default:
                    return new[] { Invariant(value) };
            }
        }

        private static string Invariant(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
