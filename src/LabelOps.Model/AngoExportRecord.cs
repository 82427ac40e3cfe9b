using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>
    /// One task of an export archive (PSTypeName LabelOps.AngoExportRecord). It IS the record — an ordered,
    /// case-insensitive dictionary in the Ango export format, so $r.task.tools[0].title and $r.externalId work
    /// (PowerShell looks up dictionary keys before properties) and ConvertTo-Json gives the service's shape
    /// back. The typed properties below are shortcuts into it for tables, Format-List (see the list view) and
    /// Where-Object. Export-Csv in PowerShell 7 writes a dictionary's keys as columns: the nested values (task,
    /// batches, stageHistory, …) write themselves as compact JSON there, not as their type names.
    /// </summary>
    public sealed class AngoExportRecord : OrderedDictionary
    {
        public AngoExportRecord()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        /// <summary>Copies a record read by FreeformJsonConverter (keys in the file's order).</summary>
        public static AngoExportRecord From(object? value)
        {
            var record = new AngoExportRecord();
            if (value is IDictionary map)
            {
                foreach (DictionaryEntry entry in map)
                {
                    record[entry.Key] = JsonTextValue.Wrap(entry.Value);
                }
            }
            else
            {
                throw new FormatException("An export record is not a JSON object.");
            }
            return record;
        }

        /// <summary>task.taskId.</summary>
        public string? TaskId => Text(Task, "taskId");

        /// <summary>assetId (the archive's 'asset' is the data URL).</summary>
        public string? AssetId => Text(this, "assetId");

        public string? ExternalId => Text(this, "externalId");

        /// <summary>task.stage: the name of the stage the task is in.</summary>
        public string? Stage => Text(Task, "stage");

        public string? StageId => Text(Task, "stageId");

        /// <summary>task.status: TODO or Completed.</summary>
        public string? Status => Text(Task, "status");

        /// <summary>task.assignee.</summary>
        public string? Assignee => Text(Task, "assignee");

        /// <summary>How many objects (task.tools) the annotations hold.</summary>
        public int ObjectCount => Task != null && Task.Contains("tools") && Task["tools"] is ICollection list ? list.Count : 0;

        private IDictionary? Task => this["task"] as IDictionary;

        private static string? Text(IDictionary? map, string key) =>
            map != null && map.Contains(key) && map[key] != null ? Convert.ToString(map[key], CultureInfo.InvariantCulture) : null;

        public override string ToString() => ExternalId ?? TaskId ?? "(export record)";
    }
}
