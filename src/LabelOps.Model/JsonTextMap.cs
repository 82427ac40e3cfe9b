using System;
using System.Collections.Specialized;

namespace LabelOps
{
    /// <summary>A JSON object of an export record (case-insensitive keys, file order); ToString is its JSON.</summary>
    public sealed class JsonTextMap : OrderedDictionary
    {
        public JsonTextMap()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        public override string ToString() => JsonTextValue.ToJson(this);
    }
}
