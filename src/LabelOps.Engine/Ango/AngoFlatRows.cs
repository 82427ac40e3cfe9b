using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    /// <summary>
    /// Turns the free-form statistics Ango returns (performance, overview metrics; their shapes are not documented)
    /// into flat rows that Export-Csv and Format-Table handle: one row per element of the first list of objects in
    /// the payload (per user, per stage, …), or one row for a payload without such a list. Nested objects become
    /// dotted column names ("duration.total"); lists of values are joined with "; "; lists of objects stay JSON text.
    /// </summary>
    internal static class AngoFlatRows
    {
        public static IReadOnlyList<OrderedDictionary> From(object? payload)
        {
            var items = RowSource(payload);
            return items.Select(Flatten).ToList();
        }

        private static IEnumerable<object?> RowSource(object? payload)
        {
            if (payload is object?[] array)
            {
                return array;
            }
            if (payload is IDictionary map)
            {
                foreach (DictionaryEntry entry in map)
                {
                    if (entry.Value is object?[] list && list.Length > 0 && list.All(i => i is IDictionary))
                    {
                        return list;
                    }
                }
                // A dictionary of objects keyed by name (e.g. {"alice@x": {...}, "bob@x": {...}}) is one row per key.
                if (map.Count > 0 && map.Values.Cast<object?>().All(v => v is IDictionary))
                {
                    return map.Cast<DictionaryEntry>().Select(e =>
                    {
                        var row = new OrderedDictionary(StringComparer.OrdinalIgnoreCase) { ["Key"] = Convert.ToString(e.Key, CultureInfo.InvariantCulture) };
                        foreach (DictionaryEntry field in (IDictionary)e.Value!) row[field.Key] = field.Value;
                        return (object?)row;
                    }).ToList();
                }
                return new object?[] { map };
            }
            return payload == null ? Array.Empty<object?>() : new[] { payload };
        }

        private static OrderedDictionary Flatten(object? item)
        {
            var row = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            if (item is IDictionary map)
            {
                Add(row, string.Empty, map);
            }
            else
            {
                row["Value"] = item;
            }
            return row;
        }

        private static void Add(OrderedDictionary row, string prefix, IDictionary map)
        {
            foreach (DictionaryEntry entry in map)
            {
                var name = prefix + Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                switch (entry.Value)
                {
                    case IDictionary nested:
                        Add(row, name + ".", nested);
                        break;
                    case object?[] list when list.All(v => !(v is IDictionary) && !(v is object?[])):
                        row[name] = string.Join("; ", list.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
                        break;
                    case object?[] list:
                        row[name] = Json(list);
                        break;
                    default:
                        row[name] = entry.Value;
                        break;
                }
            }
        }

        private static string Json(object value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                FreeformJsonConverter.WriteValue(writer, value, ServiceJson.Ango);
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
