using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Reads the task records of an Ango export one at a time, so an export of any size passes through the
    /// pipeline with flat memory: only the record being handed out (and the reader's buffer) is ever held.
    /// </summary>
    /// <remarks>
    /// Why this is ours: on netstandard2.0 System.Text.Json has no public "read the next element of a huge array"
    /// API over a stream — JsonDocument and JsonSerializer.Deserialize read the whole value, and Utf8JsonReader
    /// works on a span the caller must refill by hand (and get right when a token is cut by the buffer's end).
    /// JsonSerializer.DeserializeAsyncEnumerable (System.Text.Json 10 ships it for netstandard2.0) does exactly
    /// that refilling for a root-level array, yielding each element as soon as its bytes have arrived, and with
    /// topLevelValues: true it does the same for whitespace-separated values, which is what NDJSON is. So both
    /// layouts share one tested, buffer-safe path; each element is read by <see cref="FreeformJsonConverter"/>
    /// into dictionaries that PowerShell navigates with dot notation.
    /// </remarks>
    internal static class ExportRecordReader
    {
        private static readonly JsonSerializerOptions RecordOptions = CreateOptions();

        /// <summary>Streams the records of an export entry (UTF-8 JSON array, or NDJSON).</summary>
        public static async IAsyncEnumerable<AngoExportRecord> ReadAsync(
            Stream utf8,
            AngoExportFormat format,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var values = format == AngoExportFormat.Ndjson
                ? JsonSerializer.DeserializeAsyncEnumerable<object?>(utf8, topLevelValues: true, RecordOptions, cancellationToken)
                : JsonSerializer.DeserializeAsyncEnumerable<object?>(utf8, RecordOptions, cancellationToken);
            await foreach (var value in values.ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (value == null)
                {
                    continue; // a stray 'null' line or element carries no task
                }
                yield return AngoExportRecord.From(value);
            }
        }

        /// <summary>
        /// Streams the records of the archive's first entry, as the SDK reads it. The archive must be a seekable
        /// file (the zip directory is at its end); the entry itself is inflated as it is read, never held whole.
        /// </summary>
        public static async IAsyncEnumerable<AngoExportRecord> ReadArchiveAsync(
            string zipPath,
            AngoExportFormat format,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var file = new FileStream(zipPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            using var archive = OpenArchive(file, zipPath);
            var entry = archive.Entries.FirstOrDefault(e => e.Length > 0 || !e.FullName.EndsWith("/", StringComparison.Ordinal));
            if (entry == null)
            {
                yield break; // an empty archive: nothing exported
            }
            using var content = entry.Open();
            await foreach (var record in ReadAsync(content, format, cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }

        private static ZipArchive OpenArchive(Stream file, string path)
        {
            try
            {
                return new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException exception)
            {
                throw new LabelOpsException(ErrorReason.InvalidResponse, "The export archive '" + path + "' is not a valid zip file (" + exception.Message + ").", exception);
            }
        }

        private static JsonSerializerOptions CreateOptions()
        {
            var options = new JsonSerializerOptions { AllowTrailingCommas = false };
            options.Converters.Add(FreeformJsonConverter.Instance);
            options.MakeReadOnly(populateMissingResolver: true);
            return options;
        }
    }
}
