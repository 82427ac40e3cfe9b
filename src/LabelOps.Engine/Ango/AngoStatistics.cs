using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Maps the statistics Ango returns (shapes not documented, see docs/assumptions/ango-projects.md) onto the typed rows
    /// LabelOps writes: the flat rows of <see cref="AngoFlatRows"/> become <see cref="AngoMetric"/> and
    /// <see cref="AngoProjectPerformance"/> objects, keys matched without regard to case.
    /// </summary>
    internal static class AngoStatistics
    {
        // The keys that name what a row of a list metric is about, in the order they are tried.
        private static readonly string[] NameKeys = { "name", "status", "title", "size", "label", "range", "key" };

        public static IReadOnlyList<AngoMetric> ToMetrics(string projectId, string metric, IEnumerable<OrderedDictionary> rows)
        {
            var result = new List<AngoMetric>();
            foreach (var row in rows)
            {
                var name = NameKeys.Select(k => Text(row, k)).FirstOrDefault(t => t != null);
                var count = Number(row, "count") ?? Number(row, "value");
                if (name != null || count != null)
                {
                    result.Add(new AngoMetric { ProjectId = projectId, Metric = metric, Name = name, StageId = Text(row, "stageId"), Value = count });
                    continue;
                }
                // A single set of figures ({completedTasks, totalDuration, …}): one row per number.
                foreach (DictionaryEntry entry in row)
                {
                    var value = AsNumber(entry.Value);
                    if (value != null)
                    {
                        result.Add(new AngoMetric { ProjectId = projectId, Metric = metric, Name = PascalCase((string)entry.Key), Value = value });
                    }
                }
            }
            return result;
        }

        public static IReadOnlyList<AngoProjectPerformance> ToPerformance(string projectId, IEnumerable<OrderedDictionary> rows) =>
            rows.Select(row => new AngoProjectPerformance
            {
                ProjectId = projectId,
                Email = Text(row, "email") ?? Text(row, "user") ?? Text(row, "Key"),
                AssignedTasks = (long?)Number(row, "assignedTasks"),
                CompletedTasks = (long?)Number(row, "completedTasks"),
                TotalDuration = Number(row, "totalDuration"),
                AverageDuration = Number(row, "averageDuration"),
            }).ToList();

        private static string? Text(OrderedDictionary row, string key) =>
            row.Contains(key) && row[key] != null && AsNumber(row[key]) == null ? Convert.ToString(row[key], CultureInfo.InvariantCulture) : null;

        private static double? Number(OrderedDictionary row, string key) => row.Contains(key) ? AsNumber(row[key]) : null;

        private static double? AsNumber(object? value)
        {
            switch (value)
            {
                case long l: return l;
                case int i: return i;
                case double d: return d;
                case decimal m: return (double)m;
                case float f: return f;
                default: return null;
            }
        }

        private static string PascalCase(string key) =>
            key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key.Substring(1).Replace(".", string.Empty);
    }
}
