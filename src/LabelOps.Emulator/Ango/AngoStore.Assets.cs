using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// Assets as the asset cmdlets see them: signed uploads to emulated storage, registration (/cloud), listing with
// filters, attachments, chat assets and batches.
public sealed partial class AngoStore
{
    /// <summary>How long a signed upload URL stays valid.</summary>
    public static readonly TimeSpan SignedUploadLifetime = TimeSpan.FromMinutes(15);

    // The storage PUT carries no key, so the middleware cannot tell whose it is: a signed URL names its slot,
    // and the slot knows its account's store. Shared by every account of every server in the process.
    private static readonly ConcurrentDictionary<string, SignedUploadSlot> SignedUploadSlots = new();

    private readonly List<StorageUpload> _storageUploads = new();
    private readonly HashSet<string> _storedObjectPaths = new(StringComparer.Ordinal);
    private readonly List<ChatUpload> _chatUploads = new();

    /// <summary>Every PUT to this account's signed upload URLs, in arrival order (refused ones included).</summary>
    public IReadOnlyList<StorageUpload> StorageUploads
    {
        get
        {
            lock (_gate) return _storageUploads.ToList();
        }
    }

    /// <summary>Every chat upload this account made, in arrival order.</summary>
    public IReadOnlyList<ChatUpload> ChatUploads
    {
        get
        {
            lock (_gate) return _chatUploads.ToList();
        }
    }

    /// <summary>Adds a batch to the project for arranging tests; returns its id.</summary>
    public string DefineBatch(string projectId, string name, string? description = null, string? color = null)
    {
        lock (_gate)
        {
            var project = FindProject(projectId) ?? throw new KeyNotFoundException("No Ango project " + projectId);
            var id = Ids.NewId();
            BatchesOf(project).Add(new JsonObject { ["_id"] = id, ["name"] = name, ["description"] = description ?? string.Empty, ["color"] = color ?? "#1e90ff" });
            return id;
        }
    }

    /// <summary>Copies of the project's batches.</summary>
    public IReadOnlyList<JsonObject> GetBatches(string projectId)
    {
        lock (_gate) return FindProject(projectId) is { } project ? BatchesOf(project).OfType<JsonObject>().Select(b => b.DeepClone().AsObject()).ToList() : new List<JsonObject>();
    }

    /// <summary>Issues a signed upload URL below <paramref name="storageBase"/>; null when there is no such project.</summary>
    internal string? IssueSignedUploadUrl(string projectId, string fileName, Uri storageBase)
    {
        lock (_gate)
        {
            if (FindProject(projectId) is null) return null;
        }
        var slotId = Ids.NewId();
        var signature = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var expires = _time.GetUtcNow().Add(SignedUploadLifetime);
        SignedUploadSlots[slotId] = new SignedUploadSlot(this, projectId, fileName, signature, expires);
        var path = ServiceMiddleware.SignedStoragePrefix.Value + "/" + slotId + "/" + Uri.EscapeDataString(fileName);
        return new Uri(storageBase, path).AbsoluteUri + "?expires=" + expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + "&signature=" + signature;
    }

    /// <summary>
    /// Handles a PUT to a signed URL and returns the HTTP status to answer with: 403 when it carries the API key,
    /// or its signature is wrong or expired; 404 when it names no slot; 200 when the bytes are stored.
    /// </summary>
    internal static int ReceiveSignedUpload(string slotId, string fileName, string? signature, bool hadApiKey, long length, string? contentType, string path)
    {
        if (!SignedUploadSlots.TryGetValue(slotId, out var slot) || slot.FileName != fileName)
        {
            return 404;
        }
        var store = slot.Store;
        var now = store._time.GetUtcNow();
        var status = hadApiKey ? 403
            : !string.Equals(signature, slot.Signature, StringComparison.Ordinal) || now > slot.ExpiresAt ? 403
            : 200;
        lock (store._gate)
        {
            store._storageUploads.Add(new StorageUpload(slot.ProjectId, fileName, path, length, contentType, hadApiKey, status, now));
            if (status == 200) store._storedObjectPaths.Add(path);
        }
        return status;
    }

    /// <summary>Registers assets as POST /project/{id}/cloud does; returns how many, or an error message for a 400.</summary>
    internal (int Created, string? Error, bool ProjectMissing) RegisterCloudAssets(string projectId, JsonArray assets, IReadOnlyList<string> queryBatchIds)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null) return (0, null, true);
            var known = BatchesOf(project).OfType<JsonObject>().Select(b => (string?)b["_id"]).ToHashSet();
            var prepared = new List<(JsonObject Asset, List<string> Batches)>();
            for (var i = 0; i < assets.Count; i++)
            {
                if (assets[i] is not JsonObject asset) return (0, "assets[" + i + "] is not an object", false);
                var data = asset["data"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : null;
                if (data is null || !Uri.TryCreate(data, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    return (0, "assets[" + i + "].data must be an http(s) URL", false);
                }
                // Stored paths are the decoded request paths of the uploads; a URL names 'img[1].jpg' as img%5B1%5D.jpg.
                if (uri.AbsolutePath.StartsWith(ServiceMiddleware.SignedStoragePrefix.Value + "/", StringComparison.Ordinal) && !_storedObjectPaths.Contains(Uri.UnescapeDataString(uri.AbsolutePath)))
                {
                    return (0, "assets[" + i + "].data names a file that was never uploaded", false);
                }
                var batches = (asset["batches"] as JsonArray)?.Select(b => b?.ToString() ?? string.Empty).ToList() ?? new List<string>();
                batches.AddRange(queryBatchIds);
                var unknown = batches.FirstOrDefault(b => !known.Contains(b));
                if (unknown is not null) return (0, "Batch " + unknown + " is not a batch of this project", false);
                prepared.Add((asset, batches.Distinct().ToList()));
            }
            foreach (var (asset, batches) in prepared)
            {
                // An external id the project already has makes a second asset: the reference names no uniqueness rule,
                // so the emulator plays the worst case (docs/assumptions/ango-assets.md, Add-AngoAsset -SkipExisting).
                var (assetId, _) = AddAsset(projectId, (string?)asset["externalId"], (string?)asset["data"], batches, asset["metadata"] as JsonObject, asset["contextData"] as JsonObject);
                var stored = FindAsset(assetId)!;
                if (asset["storage"] is JsonValue storage) stored["storage"] = storage.DeepClone();
                if (asset["attachments"] is JsonArray attachments) stored["attachments"] = attachments.DeepClone();
            }
            return (prepared.Count, null, false);
        }
    }

    /// <summary>The project's assets matching the filters (any of the batches, by id or name); null when there is no such project.</summary>
    internal List<JsonObject>? FindAssets(string projectId, string? assetId, string? externalId, IReadOnlyList<string> batches)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null) return null;
            var batchIds = batches.Select(b => BatchesOf(project).OfType<JsonObject>().FirstOrDefault(x => (string?)x["_id"] == b || (string?)x["name"] == b)?["_id"]?.ToString() ?? b).ToHashSet();
            return _assets
                .Where(a => (string?)a["project"] == projectId)
                .Where(a => assetId is null || (string?)a["_id"] == assetId)
                .Where(a => externalId is null || (string?)a["externalId"] == externalId)
                .Where(a => batchIds.Count == 0 || ((a["batches"] as JsonArray) ?? new JsonArray()).Any(b => batchIds.Contains(b?.ToString() ?? string.Empty)))
                .Select(a => a.DeepClone().AsObject())
                .ToList();
        }
    }

    /// <summary>Adds attachments to assets found by assetId or externalId; those naming no asset are skipped, as counts show.</summary>
    internal (int Imported, int AssetsUpdated, string? Error, bool ProjectMissing) AddAttachments(string projectId, JsonArray attachments)
    {
        lock (_gate)
        {
            if (FindProject(projectId) is null) return (0, 0, null, true);
            var updated = new HashSet<string>();
            var imported = 0;
            for (var i = 0; i < attachments.Count; i++)
            {
                if (attachments[i] is not JsonObject item) return (0, 0, "attachments[" + i + "] is not an object", false);
                var type = ((string?)item["attachmentType"] ?? (string?)item["type"])?.ToUpperInvariant();
                var value = (string?)item["attachmentUrl"] ?? (string?)item["data"] ?? (string?)item["value"];
                if (type is not ("IMAGE" or "VIDEO" or "TEXT")) return (0, 0, "attachments[" + i + "].attachmentType must be IMAGE, VIDEO or TEXT", false);
                if (string.IsNullOrEmpty(value)) return (0, 0, "attachments[" + i + "].attachmentUrl is required", false);
                var assetId = (string?)item["assetId"];
                var externalId = (string?)item["externalId"];
                var asset = _assets.FirstOrDefault(a => (string?)a["project"] == projectId
                    && ((assetId != null && (string?)a["_id"] == assetId) || (assetId == null && externalId != null && (string?)a["externalId"] == externalId)));
                if (asset is null) continue;
                if (asset["attachments"] is not JsonArray list)
                {
                    list = new JsonArray();
                    asset["attachments"] = list;
                }
                list.Add(new JsonObject { ["type"] = type, ["value"] = value });
                imported++;
                updated.Add((string)asset["_id"]!);
            }
            return (imported, updated.Count, null, false);
        }
    }

    /// <summary>Creates one asset per conversation, as a chat upload does; batches are names.</summary>
    internal (int Created, string? Error, bool ProjectMissing) ImportChatAssets(string projectId, JsonArray conversations, IReadOnlyList<string> batchNames, ChatUpload record)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null) return (0, null, true);
            var batchIds = new List<string>();
            foreach (var name in batchNames)
            {
                var batch = BatchesOf(project).OfType<JsonObject>().FirstOrDefault(b => (string?)b["name"] == name);
                if (batch is null) return (0, "Batch '" + name + "' does not exist in this project", false);
                batchIds.Add((string)batch["_id"]!);
            }
            _chatUploads.Add(record);
            for (var i = 0; i < conversations.Count; i++)
            {
                var conversation = conversations[i] as JsonObject;
                var externalId = (string?)conversation?["externalId"] ?? "chat-" + (i + 1).ToString(CultureInfo.InvariantCulture) + ".json";
                AddAsset(projectId, externalId, "https://storage.example.test/" + projectId + "/chat/" + Uri.EscapeDataString(externalId), batchIds, null,
                    new JsonObject { ["conversation"] = conversation?.DeepClone() });
            }
            return (conversations.Count, null, false);
        }
    }

    /// <summary>Replaces the project's batch list (POST /batches/{id}); batches without an id get one. Returns the project, or an error.</summary>
    internal (JsonObject? Project, string? Error) ReplaceBatches(string projectId, JsonArray batches)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null) return (null, null);
            var replacement = new JsonArray();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < batches.Count; i++)
            {
                var name = (string?)batches[i]?["name"];
                if (string.IsNullOrWhiteSpace(name)) return (null, "batches[" + i + "].name is required");
                if (!names.Add(name)) return (null, "Batch names must be unique; '" + name + "' appears twice");
                replacement.Add(new JsonObject
                {
                    ["_id"] = (string?)batches[i]?["_id"] ?? Ids.NewId(),
                    ["name"] = name,
                    ["description"] = (string?)batches[i]?["description"] ?? string.Empty,
                    ["color"] = (string?)batches[i]?["color"] ?? "#1e90ff",
                });
            }
            project["batches"] = replacement;
            project["updatedAt"] = Now();
            return (project.DeepClone().AsObject(), null);
        }
    }

    /// <summary>Adds batches (ids) to assets and their tasks (POST /assignBatches). Every asset and batch must exist.</summary>
    internal (int Updated, string? Error, int Status) AssignBatchesToAssets(IReadOnlyList<string> assetIds, IReadOnlyList<string> batchIds)
    {
        lock (_gate)
        {
            var assets = new List<JsonObject>();
            foreach (var id in assetIds)
            {
                var asset = FindAsset(id);
                if (asset is null) return (0, "Asset " + id + " not found", 404);
                assets.Add(asset);
            }
            foreach (var asset in assets)
            {
                var project = FindProject((string)asset["project"]!)!;
                var known = BatchesOf(project).OfType<JsonObject>().Select(b => (string?)b["_id"]).ToHashSet();
                var unknown = batchIds.FirstOrDefault(b => !known.Contains(b));
                if (unknown is not null) return (0, "Batch " + unknown + " is not a batch of the asset's project", 400);
            }
            foreach (var asset in assets)
            {
                AddBatchIds(asset, batchIds);
                foreach (var task in _tasks.Where(t => (string?)t["asset"] == (string?)asset["_id"])) AddBatchIds(task, batchIds);
            }
            return (assets.Count, null, 200);
        }
    }

    private JsonObject? FindAsset(string assetId) => _assets.FirstOrDefault(a => (string?)a["_id"] == assetId);

    private static void AddBatchIds(JsonObject item, IEnumerable<string> batchIds)
    {
        var current = (item["batches"] as JsonArray)?.Select(b => b?.ToString() ?? string.Empty).ToList() ?? new List<string>();
        item["batches"] = new JsonArray(current.Concat(batchIds).Distinct().Select(b => (JsonNode)JsonValue.Create(b)!).ToArray());
    }

    private static JsonArray BatchesOf(JsonObject project)
    {
        if (project["batches"] is not JsonArray batches)
        {
            batches = new JsonArray();
            project["batches"] = batches;
        }
        return batches;
    }

    private sealed record SignedUploadSlot(AngoStore Store, string ProjectId, string FileName, string Signature, DateTimeOffset ExpiresAt);
}
