using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// Exports: GET /exportV3 turns the project's tasks into records in the Ango export format and hands out a signed
// storage URL; fetching that URL (without the API key, as from real storage) streams a zip whose one entry
// holds the records as a JSON array or as NDJSON.
public sealed partial class AngoStore
{
    private static readonly byte[] ExportSigningKey = RandomNumberGenerator.GetBytes(32);
    private static readonly ConcurrentDictionary<string, AngoPreparedExport> PreparedExports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _generatedExportRecords = new(StringComparer.Ordinal);

    /// <summary>Adds a batch to the project's batch list (as POST /batches would); returns its id.</summary>
    public string AddBatchToProject(string projectId, string name)
    {
        var id = Ids.NewId();
        lock (_gate)
        {
            var project = FindProject(projectId) ?? throw new KeyNotFoundException("No Ango project " + projectId);
            project["batches"]!.AsArray().Add(new JsonObject { ["_id"] = id, ["name"] = name, ["description"] = string.Empty, ["color"] = "#3366ff" });
        }
        return id;
    }

    /// <summary>
    /// Makes the project's exports end with <paramref name="count"/> synthetic records of about 1 KB each, written
    /// straight into the archive as it is streamed (no tasks or assets are created), for large-export tests.
    /// Filters do not apply to them.
    /// </summary>
    public void SetGeneratedExportRecords(string projectId, int count)
    {
        lock (_gate)
        {
            _ = FindProject(projectId) ?? throw new KeyNotFoundException("No Ango project " + projectId);
            _generatedExportRecords[projectId] = count;
        }
    }

    /// <summary>The records an export of the project would contain (without generated ones), for assertions.</summary>
    public IReadOnlyList<JsonObject> ExportRecords(string projectId, bool includeMetadata = false, bool includeHistory = false) =>
        BuildExportRecords(projectId, null, null, includeMetadata, includeHistory) ?? new List<JsonObject>();

    internal List<JsonObject>? BuildExportRecords(string projectId, ISet<string>? batchIds, ISet<string>? stageIds, bool includeMetadata, bool includeHistory)
    {
        lock (_gate)
        {
            var project = FindProject(projectId);
            if (project is null)
            {
                return null;
            }
            var stages = project["stages"]!.AsArray().OfType<JsonObject>().ToDictionary(s => (string)s["id"]!, s => (string?)s["name"]);
            var records = new List<JsonObject>();
            foreach (var task in _tasks.Where(t => (string?)t["project"] == projectId))
            {
                var stageId = (string?)task["stage"];
                var batches = task["batches"]?.AsArray().Select(b => (string?)b).ToList() ?? new List<string?>();
                if (stageIds is not null && (stageId is null || !stageIds.Contains(stageId))) continue;
                if (batchIds is not null && !batches.Any(b => b is not null && batchIds.Contains(b))) continue;
                var asset = _assets.FirstOrDefault(a => (string?)a["_id"] == (string?)task["asset"]);
                var answer = task["answer"] as JsonObject;
                var record = new JsonObject
                {
                    ["asset"] = asset?["data"]?.DeepClone(),
                    ["assetId"] = task["asset"]?.DeepClone(),
                    ["externalId"] = task["externalId"]?.DeepClone(),
                    ["dataset"] = new JsonArray(),
                    ["batches"] = task["batches"]?.DeepClone() ?? new JsonArray(),
                    ["task"] = new JsonObject
                    {
                        ["taskId"] = task["_id"]!.DeepClone(),
                        ["stage"] = stageId is not null && stages.TryGetValue(stageId, out var stageName) ? stageName : null,
                        ["stageId"] = stageId,
                        ["status"] = task["status"]?.DeepClone(),
                        ["assignee"] = task["assignee"]?.DeepClone(),
                        ["updatedAt"] = task["updatedAt"]?.DeepClone(),
                        ["totalDuration"] = task["duration"]?.DeepClone(),
                        ["tools"] = answer?["objects"]?.DeepClone() ?? new JsonArray(),
                        ["classifications"] = answer?["classifications"]?.DeepClone() ?? new JsonArray(),
                        ["relations"] = answer?["relations"]?.DeepClone() ?? new JsonArray(),
                    },
                };
                if (includeMetadata)
                {
                    record["metadata"] = asset?["metadata"]?.DeepClone() ?? new JsonObject();
                }
                if (includeHistory)
                {
                    record["stageHistory"] = task["stageHistory"]?.DeepClone() ?? new JsonArray(new JsonObject
                    {
                        ["stage"] = "Start",
                        ["stageId"] = stages.Keys.FirstOrDefault(),
                        ["completedAt"] = task["createdAt"]?.DeepClone(),
                        ["completedBy"] = "owner@example.test",
                        ["duration"] = 0,
                    });
                }
                records.Add(record);
            }
            return records;
        }
    }

    internal int GeneratedExportRecords(string projectId)
    {
        lock (_gate) return _generatedExportRecords.TryGetValue(projectId, out var count) ? count : 0;
    }

    /// <summary>Registers an export and returns its id and signature (HMAC of the id; the URL is the only credential).</summary>
    internal static (string Id, string Signature) RegisterExport(AngoPreparedExport export)
    {
        var id = Ids.NewId();
        PreparedExports[id] = export;
        return (id, SignExport(id));
    }

    internal static AngoPreparedExport? FindSignedExport(string id, string? signature)
    {
        if (signature is null || !PreparedExports.TryGetValue(id, out var export))
        {
            return null;
        }
        var expected = Encoding.ASCII.GetBytes(SignExport(id));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? export : null;
    }

    private static string SignExport(string id) => Convert.ToHexStringLower(HMACSHA256.HashData(ExportSigningKey, Encoding.UTF8.GetBytes(id)));

    /// <summary>Writes the archive: one entry, records written one at a time (generated ones are never all in memory).</summary>
    internal static void WriteExportArchive(AngoPreparedExport export, Stream destination)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var entry = zip.CreateEntry(export.ProjectId + (export.Ndjson ? ".ndjson" : ".json"), CompressionLevel.Fastest);
        using var content = entry.Open();
        using var writer = new Utf8JsonWriter(content, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (!export.Ndjson) writer.WriteStartArray();
        void Write(JsonObject record)
        {
            record.WriteTo(writer);
            if (export.Ndjson)
            {
                writer.Flush();
                content.WriteByte((byte)'\n');
                writer.Reset();
            }
        }
        foreach (var record in export.Records) Write(record);
        for (var i = 0; i < export.GeneratedRecords; i++) Write(GeneratedRecord(export.ProjectId, i));
        if (!export.Ndjson) writer.WriteEndArray();
        writer.Flush();
    }

    /// <summary>A deterministic record of about 1 KB: three boxes with a classification each.</summary>
    private static JsonObject GeneratedRecord(string projectId, int index)
    {
        var name = "generated-" + index.ToString("D6", CultureInfo.InvariantCulture) + ".jpg";
        var tools = new JsonArray();
        for (var b = 0; b < 3; b++)
        {
            tools.Add(new JsonObject
            {
                ["objectId"] = "obj-" + index.ToString(CultureInfo.InvariantCulture) + "-" + b.ToString(CultureInfo.InvariantCulture),
                ["schemaId"] = "box-schema",
                ["title"] = "Vehicle",
                ["bounding-box"] = new JsonObject { ["x"] = 10 + b, ["y"] = 20 + b, ["width"] = 100, ["height"] = 50 },
                ["classifications"] = new JsonArray(new JsonObject { ["schemaId"] = "colour", ["title"] = "Colour", ["answer"] = "red \"quoted\" [bracket]" }),
            });
        }
        return new JsonObject
        {
            ["asset"] = "https://storage.example.test/" + projectId + "/" + name,
            ["assetId"] = "asset-" + index.ToString(CultureInfo.InvariantCulture),
            ["externalId"] = name,
            ["dataset"] = new JsonArray(),
            ["batches"] = new JsonArray(),
            ["task"] = new JsonObject
            {
                ["taskId"] = "task-" + index.ToString(CultureInfo.InvariantCulture),
                ["stage"] = "Complete",
                ["stageId"] = "complete-stage",
                ["status"] = "Completed",
                ["tools"] = tools,
                ["classifications"] = new JsonArray(),
                ["relations"] = new JsonArray(),
            },
        };
    }
}
