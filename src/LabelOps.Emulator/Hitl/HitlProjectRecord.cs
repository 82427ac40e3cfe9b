using System;
using System.Collections.Generic;

namespace LabelOps.Emulator.Hitl;

internal sealed class HitlProjectRecord(string id, string name, string status, string instructionsFileUrl, DateTimeOffset createDate)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string Status { get; set; } = status;

    public string InstructionsFileUrl { get; } = instructionsFileUrl;

    public DateTimeOffset CreateDate { get; } = createDate;
}
