using System;
using System.Collections.Generic;

namespace LabelOps.Emulator;

internal sealed class HitlProjectRecord(string id, string name, string status, string instructionsFileUrl, DateTimeOffset createDate)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string Status { get; set; } = status;

    public string InstructionsFileUrl { get; } = instructionsFileUrl;

    public DateTimeOffset CreateDate { get; } = createDate;
}

/// <summary>A copy of a project's jobs, taken under the store's lock, for reports such as metrics.</summary>
internal sealed record HitlProjectSnapshot(string Id, string Name, IReadOnlyList<HitlJobRecord> Jobs);
