using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.Json;
using LabelOps.Engine.Json;

namespace LabelOps.Base
{
    /// <summary>
    /// Turns what a PowerShell user passes as free-form data (hashtables, [pscustomobject], arrays, a JSON
    /// string) into plain dictionaries and lists the engine serialises as JSON.
    /// </summary>
    internal static class PowerShellValues
    {
        public static object? ToPlain(object? value)
        {
            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject)
                {
                    var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in wrapped.Properties)
                    {
                        if (property.IsGettable && property.MemberType == PSMemberTypes.NoteProperty)
                        {
                            map[property.Name] = ToPlain(property.Value);
                        }
                    }
                    return map;
                }
                value = wrapped.BaseObject;
            }
            switch (value)
            {
                case null:
                    return null;
                case string _:
                case bool _:
                case char _:
                case DateTime _:
                case DateTimeOffset _:
                case Guid _:
                    return value;
                case IDictionary dictionary:
                    var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        map[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] = ToPlain(entry.Value);
                    }
                    return map;
                case IEnumerable sequence:
                    var list = new List<object?>();
                    foreach (var item in sequence)
                    {
                        list.Add(ToPlain(item));
                    }
                    return list;
                default:
                    return value;
            }
        }

        /// <summary>A JSON string is parsed; anything else is converted with <see cref="ToPlain"/>.</summary>
        public static object? ToPlainOrParsedJson(object? value, string parameterName)
        {
            var baseValue = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (baseValue is string text)
            {
                if (text.Trim().Length == 0)
                {
                    return null; // an empty CSV cell means "none"
                }
                if (FreeformJsonConverter.TryReadText(text, parameterName, out var parsed))
                {
                    return parsed;
                }
            }
            return ToPlain(value);
        }

        public static IDictionary<string, string>? ToStringMap(IDictionary? headers)
        {
            if (headers == null)
            {
                return null;
            }
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in headers)
            {
                var name = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                var raw = entry.Value is PSObject o ? o.BaseObject : entry.Value;
                map[name] = Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
            return map;
        }
    }
}
