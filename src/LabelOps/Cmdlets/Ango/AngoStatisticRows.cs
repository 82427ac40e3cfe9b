using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Statistics rows (performance, overview metrics) as PowerShell objects: the leading columns LabelOps knows
    /// (ProjectId, Metric) followed by whatever the service reported, flat, so Export-Csv writes every column.
    /// </summary>
    internal static class AngoStatisticRows
    {
        public static PSObject ToObject(string typeName, OrderedDictionary leading, OrderedDictionary row)
        {
            var result = new PSObject();
            result.TypeNames.Insert(0, typeName);
            foreach (DictionaryEntry entry in leading)
            {
                result.Properties.Add(new PSNoteProperty((string)entry.Key, entry.Value));
            }
            foreach (DictionaryEntry entry in row)
            {
                var name = (string)entry.Key;
                if (result.Properties[name] == null)
                {
                    result.Properties.Add(new PSNoteProperty(name, entry.Value));
                }
            }
            return result;
        }
    }
}
