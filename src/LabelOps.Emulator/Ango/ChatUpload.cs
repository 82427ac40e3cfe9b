using System.Collections.Generic;

namespace LabelOps.Emulator.Ango;

/// <summary>One multipart POST /project/{id}/chat as the emulator understood it.</summary>
public sealed record ChatUpload(string ProjectId, IReadOnlyList<string> FieldNames, string? FileName, int ConversationCount, IReadOnlyList<string> BatchNames, string? LlmConfigJson);
