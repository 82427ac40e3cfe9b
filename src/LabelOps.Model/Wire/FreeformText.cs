using System;
using System.Collections;
using System.Globalization;
using System.Text;

namespace LabelOps.Wire
{
    /// <summary>
    /// Free-form values (dictionaries, lists, strings, numbers, booleans) as compact JSON text, for ToString and so
    /// for Export-Csv cells. Written here rather than with System.Text.Json because this assembly loads in PowerShell's
    /// default context and must not depend on the isolated libraries; the values are only ever what FreeformJsonConverter read.
    /// </summary>
    internal static class FreeformText
    {
        public static string ToJson(object? value)
        {
            var text = new StringBuilder();
            Write(text, value);
            return text.ToString();
        }

        private static void Write(StringBuilder text, object? value)
        {
            switch (value)
            {
                case null:
                    text.Append("null");
                    return;
                case bool flag:
                    text.Append(flag ? "true" : "false");
                    return;
                case string s:
                    WriteString(text, s);
                    return;
                case DateTimeOffset date:
                    WriteString(text, date.ToString("o", CultureInfo.InvariantCulture));
                    return;
                case IDictionary map:
                    text.Append('{');
                    var first = true;
                    foreach (DictionaryEntry entry in map)
                    {
                        if (!first) text.Append(',');
                        first = false;
                        WriteString(text, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        text.Append(':');
                        Write(text, entry.Value);
                    }
                    text.Append('}');
                    return;
                case IEnumerable list:
                    text.Append('[');
                    var firstItem = true;
                    foreach (var item in list)
                    {
                        if (!firstItem) text.Append(',');
                        firstItem = false;
                        Write(text, item);
                    }
                    text.Append(']');
                    return;
                case IFormattable number:
                    text.Append(number.ToString(null, CultureInfo.InvariantCulture));
                    return;
                default:
                    WriteString(text, value.ToString() ?? string.Empty);
                    return;
            }
        }

        private static void WriteString(StringBuilder text, string value)
        {
            text.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < ' ') text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else text.Append(c);
                        break;
                }
            }
            text.Append('"');
        }
    }
}
