using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// Generated tasks: a project can list any number of synthetic tasks, made on the fly for the page asked for, so
// that a benchmark can page through 100,000 tasks without the store holding 100,000 objects.
public sealed partial class AngoStore
{
    private readonly Dictionary<string, (int Count, string? StageId)> _generatedTasks = new(StringComparer.Ordinal);

    /// <summary>
    /// Makes unfiltered task listings of the project end with <paramref name="count"/> synthetic tasks (ids
    /// 'gen' + 21 digits, externalId generated-000000.jpg, …, waiting in the first work stage), after its real
    /// tasks whatever the sort. They exist only in listings: filters, reads by id and writes do not see them.
    /// </summary>
    public void SetGeneratedTasks(string projectId, int count)
    {
        if (count < 0) throw new ArgumentException("count cannot be negative.");
        lock (_gate)
        {
            var project = FindProject(projectId) ?? throw new KeyNotFoundException("No Ango project " + projectId);
            _generatedTasks[projectId] = (count, FirstWorkStageId(project));
        }
    }

    internal (int Count, string? StageId) GeneratedTasks(string projectId)
    {
        lock (_gate) return _generatedTasks.TryGetValue(projectId, out var generated) ? generated : (0, null);
    }

    /// <summary>The synthetic task with this index, shaped like a real one without its answer.</summary>
    internal static JsonObject GeneratedTask(string projectId, string? stageId, int index)
    {
        var created = AngoResults.FormatDate(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(index));
        return new JsonObject
        {
            ["_id"] = "gen" + index.ToString("D21", CultureInfo.InvariantCulture),
            ["project"] = projectId,
            ["asset"] = "genasset" + index.ToString("D16", CultureInfo.InvariantCulture),
            ["externalId"] = "generated-" + index.ToString("D6", CultureInfo.InvariantCulture) + ".jpg",
            ["stage"] = stageId,
            ["status"] = "TODO",
            ["assignee"] = null,
            ["batches"] = new JsonArray(),
            ["priority"] = 0,
            ["createdAt"] = created,
            ["updatedAt"] = created,
            ["completedAt"] = null,
            ["duration"] = 0,
        };
    }
}
