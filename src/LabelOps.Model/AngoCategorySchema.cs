using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>
    /// A project's ontology (PSTypeName LabelOps.AngoCategorySchema): its tools, classifications and relations as
    /// the service sends them, navigable with dot notation ($schema.Tools[0].title). Written back unchanged by
    /// Set-AngoCategorySchema, so a schema read from one project can be applied to another.
    /// </summary>
    public sealed class AngoCategorySchema
    {
        /// <summary>Set by LabelOps: the project the schema was read from.</summary>
        [NotOnWire]
        public string? ProjectId { get; set; }

        [Freeform]
        public object? Tools { get; set; }

        [Freeform]
        public object? Classifications { get; set; }

        [Freeform]
        public object? Relations { get; set; }

        /// <summary>The body the service takes as "categorySchema": the three lists, an absent list sent as empty (full replacement).</summary>
        public IDictionary<string, object?> ToServiceShape() => new Dictionary<string, object?>
        {
            ["tools"] = Tools ?? Array.Empty<object>(),
            ["classifications"] = Classifications ?? Array.Empty<object>(),
            ["relations"] = Relations ?? Array.Empty<object>(),
        };

        public override string ToString() =>
            CountOf(Tools) + " tools, " + CountOf(Classifications) + " classifications, " + CountOf(Relations) + " relations";

        /// <summary>
        /// Reads a schema from plain values (what a user passes: a dictionary with tools/classifications/relations,
        /// or one with a categorySchema inside, e.g. a whole project read from JSON). Each list must be a list.
        /// </summary>
        public static AngoCategorySchema FromPlain(object? value, string parameterName)
        {
            if (value is AngoCategorySchema schema)
            {
                return new AngoCategorySchema { ProjectId = schema.ProjectId, Tools = schema.Tools, Classifications = schema.Classifications, Relations = schema.Relations };
            }
            if (!(value is IDictionary map))
            {
                throw LabelOpsException.InvalidArgument(parameterName + " must be a category schema: an object with tools, classifications and relations lists.");
            }
            if (Find(map, "categorySchema") is IDictionary inner && Find(map, "tools") == null)
            {
                map = inner;
            }
            var result = new AngoCategorySchema
            {
                Tools = ListOrNull(map, "tools", parameterName),
                Classifications = ListOrNull(map, "classifications", parameterName),
                Relations = ListOrNull(map, "relations", parameterName),
            };
            if (result.Tools == null && result.Classifications == null && result.Relations == null)
            {
                throw LabelOpsException.InvalidArgument(parameterName + " has none of tools, classifications or relations.");
            }
            return result;
        }

        /// <summary>Checks a list given on its own (-Tool, -Classification, -Relation): every item must be an object.</summary>
        public static object?[] RequireItems(IEnumerable<object?> items, string parameterName)
        {
            var list = new List<object?>();
            foreach (var item in items)
            {
                if (!(item is IDictionary))
                {
                    throw LabelOpsException.InvalidArgument(parameterName + " items must be objects (hashtables or objects with title, tool, schemaId, …); got '" + item + "'.");
                }
                list.Add(item);
            }
            return list.ToArray();
        }

        private static object? ListOrNull(IDictionary map, string key, string parameterName)
        {
            var value = Find(map, key);
            if (value == null)
            {
                return null;
            }
            if (value is string || !(value is IEnumerable sequence) || value is IDictionary)
            {
                throw LabelOpsException.InvalidArgument(parameterName + "." + key + " must be a list.");
            }
            var items = new List<object?>();
            foreach (var item in sequence) items.Add(item);
            return RequireItems(items, parameterName + "." + key);
        }

        private static object? Find(IDictionary map, string key)
        {
            foreach (DictionaryEntry entry in map)
            {
                if (string.Equals(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture), key, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }
            return null;
        }

        private static int CountOf(object? list) => list is ICollection collection ? collection.Count : 0;
    }
}
