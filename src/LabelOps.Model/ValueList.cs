using System.Collections.Generic;
using System.Linq;

namespace LabelOps
{
    /// <summary>
    /// A list property of an output object (batch ids, file URLs, stages, …). A List for scripts ($t.Batches[0],
    /// -contains, .Count), whose ToString joins the items with ", ": that is what Export-Csv writes into a cell,
    /// where a plain array would write its type name (System.String[]).
    /// </summary>
    public sealed class ValueList<T> : List<T>
    {
        public ValueList()
        {
        }

        public ValueList(IEnumerable<T> items)
            : base(items)
        {
        }

        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(items))]
        public static implicit operator ValueList<T>?(T[]? items) => items == null ? null : new ValueList<T>(items);

        public override string ToString() => string.Join(", ", this.Select(item => item?.ToString()));
    }
}
