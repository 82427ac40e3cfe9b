using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Text.Json;
using LabelOps.Engine;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// What a workflow must satisfy before it replaces a project's stages, checked locally so that a broken
    /// workflow is never sent (the service would either refuse it or, worse, leave tasks in unreachable stages).
    /// </summary>
    internal static class AngoWorkflowRules
    {
        /// <summary>Throws InvalidArgument unless there is at least one stage, stage ids are present and unique, exactly one stage is a Start, and every 'next' names a stage of the list.</summary>
        public static void Validate(IReadOnlyList<AngoStage> stages)
        {
            if (stages.Count == 0)
            {
                throw LabelOpsException.InvalidArgument("A workflow needs at least one stage.");
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var stage in stages)
            {
                if (string.IsNullOrWhiteSpace(stage.StageId))
                {
                    throw LabelOpsException.InvalidArgument("Stage '" + stage.Name + "' has no id; every stage needs one so that 'next' can refer to it.");
                }
                if (!ids.Add(stage.StageId))
                {
                    throw LabelOpsException.InvalidArgument("Stage id '" + stage.StageId + "' is used by more than one stage.");
                }
            }
            var starts = stages.Count(s => string.Equals(s.Type, "Start", StringComparison.OrdinalIgnoreCase));
            if (starts != 1)
            {
                throw LabelOpsException.InvalidArgument("A workflow needs exactly one Start stage; this one has " + starts + ".");
            }
            foreach (var stage in stages)
            {
                foreach (var next in stage.Next ?? Array.Empty<string>())
                {
                    if (!ids.Contains(next))
                    {
                        throw LabelOpsException.InvalidArgument("Stage '" + stage.Name + "' leads to '" + next + "', which is not a stage of this workflow.");
                    }
                }
            }
        }

        /// <summary>
        /// A stage from plain values: the service's shape (id, name, type, next, settings…) or an AngoStage that went
        /// through ConvertTo-Json (StageId, Settings{…}, ProjectId), so a workflow saved to a file can be applied again.
        /// </summary>
        public static AngoStage StageFromPlain(object? value, string parameterName)
        {
            if (value is AngoStage stage)
            {
                return stage;
            }
            if (!(value is IDictionary map))
            {
                throw LabelOpsException.InvalidArgument(parameterName + " must be a stage (an AngoStage, or an object with id, name, type and next); got '" + value + "'.");
            }
            var shaped = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in map)
            {
                var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                if (string.Equals(key, "ProjectId", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (string.Equals(key, "Settings", StringComparison.OrdinalIgnoreCase))
                {
                    // AngoStage.Settings (JSON extension data) as ConvertTo-Json writes it: its entries belong at the stage's top level.
                    if (entry.Value is IDictionary settings)
                    {
                        foreach (DictionaryEntry setting in settings)
                        {
                            shaped[Convert.ToString(setting.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = setting.Value;
                        }
                    }
                    continue;
                }
                shaped[string.Equals(key, "StageId", StringComparison.OrdinalIgnoreCase) ? "id" : key] = entry.Value;
            }
            try
            {
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    FreeformJsonConverter.WriteValue(writer, shaped, ServiceJson.Ango);
                }
                return JsonSerializer.Deserialize<AngoStage>(buffer.ToArray(), ServiceJson.Ango)
                    ?? throw LabelOpsException.InvalidArgument(parameterName + " is empty.");
            }
            catch (JsonException exception)
            {
                throw LabelOpsException.InvalidArgument(parameterName + " is not a valid stage: " + exception.Message);
            }
        }
    }
}
