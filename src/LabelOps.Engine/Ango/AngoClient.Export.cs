using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    internal sealed partial class AngoClient
    {
        /// <summary>
        /// GET /exportV3: asks the service to build the archive and returns data.exportPath, the URL of the zip.
        /// The query follows the SDK: list filters as JSON array strings, flags as "true"/"false", and e-mail
        /// notifications off (a script's export should not mail the project's managers).
        /// </summary>
        public Task<Uri> RequestExportAsync(AngoExportRequest export, CancellationToken cancellationToken)
        {
            IdRules.Require(export.ProjectId, "ProjectId");
            var request = ApiRequest.Get("exportV3")
                .WithQuery("project", export.ProjectId)
                .WithQuery("format", export.Format == AngoExportFormat.Ndjson ? "ndjson" : "json")
                .WithQuery("batches", export.BatchIds.Count == 0 ? null : JsonSerializer.Serialize(export.BatchIds))
                .WithQuery("stage", export.StageIds.Count == 0 ? null : JsonSerializer.Serialize(export.StageIds))
                .WithQuery("sendEmail", "false")
                .WithQuery("doNotNotify", "true")
                .WithQuery("includeMetadata", export.IncludeMetadata ? "true" : "false")
                .WithQuery("includeHistory", export.IncludeHistory ? "true" : "false");
            return SendAsync(request, ReadExportPath, cancellationToken);
        }

        /// <summary>
        /// Downloads the archive to <paramref name="destinationPath"/> without the API key (the URL is a signed
        /// storage link, usually on another host). A retry after a broken transfer starts the file over. A failure to
        /// write the local file is not a network failure: it ends the download at once as LabelOps.InvalidOperation
        /// naming <paramref name="shownPath"/> (the file the user asked for, not the temporary one written), and is
        /// never retried.
        /// </summary>
        /// <param name="progress">
        /// Bytes written so far and the announced length, as <see cref="ProgressThrottle"/> allows, and once more at the end.
        /// </param>
        public Task DownloadExportAsync(Uri exportUri, string destinationPath, string shownPath, Action<long, long?>? progress, CancellationToken cancellationToken)
        {
            return _connection.DownloadAsync(
                ApiRequest.GetUnauthenticated(exportUri),
                async (stream, length, token) =>
                {
                    using var file = LocalWrite(() => new FileStream(destinationPath, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true), destinationPath, shownPath);
                    var buffer = new byte[81920];
                    long written = 0;
                    var throttle = new ProgressThrottle();
                    int read;
                    while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, token).ConfigureAwait(false)) > 0)
                    {
                        await LocalWrite(() => file.WriteAsync(buffer, 0, read, token), destinationPath, shownPath).ConfigureAwait(false);
                        written += read;
                        if (progress != null && throttle.Due()) progress(written, length);
                    }
                    progress?.Invoke(written, length);
                },
                _observer,
                cancellationToken);
        }

        private static T LocalWrite<T>(Func<T> action, string path, string shownPath)
        {
            try
            {
                return action();
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                throw LocalWriteFailed(exception, path, shownPath);
            }
        }

        private static async Task LocalWrite(Func<Task> action, string path, string shownPath)
        {
            try
            {
                await action().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                throw LocalWriteFailed(exception, path, shownPath);
            }
        }

        private static LabelOpsException LocalWriteFailed(Exception exception, string path, string shownPath) =>
            new LabelOpsException(ErrorReason.InvalidOperation, "Cannot write '" + shownPath + "': " + exception.Message.Replace(path, shownPath), exception);

        private static Uri ReadExportPath(JsonElement data)
        {
            var path = AngoEnvelope.Property<string>(data, "exportPath");
            if (!Uri.TryCreate(path, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new JsonException("data.exportPath is not an http(s) URL.");
            }
            return uri;
        }
    }
}
