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

/// <summary>What GET /exportV3 asked for; the archive is built when its signed URL is fetched.</summary>
internal sealed record AngoPreparedExport(AngoStore Store, string ProjectId, bool Ndjson, List<JsonObject> Records, int GeneratedRecords);
