using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

/// <summary>An instructions file as the emulator received it (multipart field "file").</summary>
public sealed record AngoInstructionsFile(string FileName, string? ContentType, byte[] Content, string Url);
