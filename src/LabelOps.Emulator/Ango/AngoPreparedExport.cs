using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

/// <summary>What GET /exportV3 asked for; the archive is built when its signed URL is fetched.</summary>
internal sealed record AngoPreparedExport(AngoStore Store, string ProjectId, bool Ndjson, List<JsonObject> Records, int GeneratedRecords);
