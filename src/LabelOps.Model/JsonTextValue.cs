using System.Collections;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>
    /// The nested values of an export record: the same dictionary and list as FreeformJsonConverter reads, but
    /// written as compact JSON by ToString, which is what Export-Csv puts in a cell.
    /// </summary>
    internal static class JsonTextValue
    {

        public static object? Wrap(object? value)
        {
            switch (value)
            {
                case IDictionary map:
                    var copy = new JsonTextMap();
                    foreach (DictionaryEntry entry in map) copy[entry.Key] = entry.Value;
                    return copy;
                case object?[] array:
                    return new JsonTextList(array);
                default:
                    return value;
            }
        }

        public static string ToJson(object value) => FreeformText.ToJson(value);
    }
}
