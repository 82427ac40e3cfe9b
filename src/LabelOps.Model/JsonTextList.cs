using System.Collections.Generic;

namespace LabelOps
{
    /// <summary>A JSON array of an export record; ToString is its JSON.</summary>
    public sealed class JsonTextList : List<object?>
    {
        public JsonTextList(IEnumerable<object?> items)
            : base(items)
        {
        }

        public override string ToString() => JsonTextValue.ToJson(this);
    }
}
