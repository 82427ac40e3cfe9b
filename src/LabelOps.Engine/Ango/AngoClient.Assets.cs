using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    // Assets: listing, the two-step upload of local files (signed URL, then registration), cloud registration,
    // attachments and chat assets.
    internal sealed partial class AngoClient
    {
        /// <summary>
        /// How many assets one POST /project/{id}/cloud carries. The reference caps lists at 100 and recommends
        /// importing 100 assets per request; a registration is a create that is never re-sent after an ambiguous
        /// failure, so a smaller request also bounds what one such failure leaves uncertain.
        /// </summary>
        public const int AssetsPerRegistration = 100;

        /// <summary>GET /project/{id}/assets, streamed page by page (the SDK asks for one asset with _id=).</summary>
        public async IAsyncEnumerable<AngoAsset> ListAssetsAsync(
            string projectId,
            AngoAssetFilter? filter,
            PageRange range,
            string? sort,
            Action<long>? onTotal,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            filter ??= new AngoAssetFilter();
            if (filter.AssetId != null) IdRules.Require(filter.AssetId, "AssetId");
            var batches = filter.BatchIds != null && filter.BatchIds.Count > 0 ? JsonSerializer.Serialize(filter.BatchIds) : null;
            var items = ListAsync<AngoAsset>(
                () => ApiRequest.Get(ApiRequest.PathOf("project", projectId, "assets"))
                    .WithQuery("_id", filter.AssetId)
                    .WithQuery("externalId", filter.ExternalId)
                    .WithQuery("batches", batches),
                "assets",
                sort,
                range,
                onTotal,
                cancellationToken);
            await foreach (var asset in items.ConfigureAwait(false))
            {
                asset.ProjectId ??= projectId;
                yield return asset;
            }
        }

        /// <summary>
        /// The external ids the project's assets carry, read through the whole asset listing. The external id is the
        /// service-side key a re-run of Add-AngoAsset -SkipExisting leaves out by; the reference does not say the
        /// service refuses a duplicate external id (docs/assumptions/ango-assets.md), so it is never relied on to.
        /// </summary>
        public async Task<HashSet<string>> ListExternalIdsAsync(string projectId, CancellationToken cancellationToken)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var asset in ListAssetsAsync(projectId, null, new PageRange(), null, null, cancellationToken).ConfigureAwait(false))
            {
                if (!string.IsNullOrEmpty(asset.ExternalId)) ids.Add(asset.ExternalId!);
            }
            return ids;
        }

        /// <summary>GET /getUploadUrl (Ango answers 201): a pre-signed URL to PUT one file to.</summary>
        public Task<Uri> GetUploadUrlAsync(string projectId, string fileName, string? storageId, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var request = ApiRequest.Get("getUploadUrl")
                .WithQuery("name", fileName)
                .WithQuery("project", projectId)
                .WithQuery("storageId", storageId);
            return SendAsync(request, data =>
            {
                var text = AngoEnvelope.Property<string>(data, "uploadUrl");
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    throw new JsonException("data.uploadUrl is not an http(s) URL.");
                }
                return uri;
            }, cancellationToken);
        }

        /// <summary>
        /// PUTs a file to a pre-signed URL. The key is never sent there; the PUT is retried as idempotent, with
        /// <paramref name="content"/> called afresh for each attempt.
        /// </summary>
        public Task UploadToSignedUrlAsync(Uri signedUrl, Func<HttpContent> content, CancellationToken cancellationToken) =>
            _connection.SendAsync(ApiRequest.PutToSignedUrl(signedUrl, content), response => response.Status, _observer, cancellationToken);

        /// <summary>The URL an uploaded file is registered under: the signed URL without its query (the signature).</summary>
        public static string AssetUrlOf(Uri signedUrl) => signedUrl.GetLeftPart(UriPartial.Path);

        /// <summary>POST /project/{id}/cloud with up to <see cref="AssetsPerRegistration"/> assets. A create: never re-sent after an ambiguous failure.</summary>
        public Task<AngoAssetImportResult> RegisterAssetsAsync(string projectId, IReadOnlyList<AngoNewAsset> assets, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            if (assets.Count == 0 || assets.Count > AssetsPerRegistration)
            {
                throw LabelOpsException.InvalidArgument("One registration takes 1 to " + AssetsPerRegistration + " assets; it was " + assets.Count + ".");
            }
            var request = ApiRequest.Post(ApiRequest.PathOf("project", projectId, "cloud"), RequestKind.Create)
                .WithJsonBody(Body(new { assets }));
            return SendAsync(request, data =>
            {
                var counts = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("assets", out var a) ? a : default;
                return new AngoAssetImportResult
                {
                    ProjectId = projectId,
                    AssetsCreated = Count(counts, "assetsCreated"),
                    TasksCreated = Count(counts, "tasksCreated"),
                    PreLabelsCount = Count(counts, "preLabelsCount"),
                    ValidPreLabelsCount = Count(counts, "validPreLabelsCount"),
                    Assets = assets.ToArray(),
                };
            }, cancellationToken);
        }

        /// <summary>POST /attachments. A create: never re-sent after an ambiguous failure.</summary>
        public Task<AngoAttachmentImportResult> AddAttachmentsAsync(string projectId, IReadOnlyList<AngoNewAttachment> attachments, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var request = ApiRequest.Post("attachments", RequestKind.Create)
                .WithJsonBody(Body(new { project = projectId, attachments }));
            return SendAsync(request, data =>
            {
                var summary = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("project", out var p) ? p : default;
                return new AngoAttachmentImportResult
                {
                    ProjectId = projectId,
                    AttachmentsImported = Count(summary, "attachmentsImported"),
                    AssetsUpdated = Count(summary, "assetsUpdated"),
                    AttachmentsSent = attachments.Count,
                };
            }, cancellationToken);
        }

        /// <summary>
        /// POST /project/{id}/chat (multipart/form-data): chat assets from a JSON file (field 'file') or inline
        /// ('conversations'), with optional 'batches' (JSON array of batch names) and 'llmConfig' (JSON). A create.
        /// </summary>
        public Task<AngoChatImportResult> UploadChatAsync(string projectId, IReadOnlyList<MultipartPart> form, string source, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var request = ApiRequest.Post(ApiRequest.PathOf("project", projectId, "chat"), RequestKind.Create).WithMultipart(form);
            return SendAsync(request, data =>
            {
                var counts = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("assets", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                return new AngoChatImportResult
                {
                    ProjectId = projectId,
                    Source = source,
                    AssetsCreated = OptionalCount(counts, "assetsCreated"),
                    TasksCreated = OptionalCount(counts, "tasksCreated"),
                    Result = data.Deserialize<object?>(FreeformOptions),
                };
            }, cancellationToken);
        }

        private static readonly JsonSerializerOptions FreeformOptions = new JsonSerializerOptions { Converters = { FreeformJsonConverter.Instance } };

        private static long Count(JsonElement parent, string name) => OptionalCount(parent, name) ?? 0;

        private static long? OptionalCount(JsonElement parent, string name) =>
            parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
                ? value.GetInt64()
                : (long?)null;
    }
}
