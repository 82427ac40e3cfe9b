using System.Collections.Generic;

namespace LabelOps.Emulator.Hitl;

/// <summary>A copy of a project's jobs, taken under the store's lock, for reports such as metrics.</summary>
internal sealed record HitlProjectSnapshot(string Id, string Name, IReadOnlyList<HitlJobRecord> Jobs);
