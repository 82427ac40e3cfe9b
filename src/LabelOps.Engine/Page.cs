using System.Collections.Generic;

namespace LabelOps.Engine
{
    /// <summary>One page of a list endpoint: its items and, when the service reports it, the total across all pages.</summary>
    internal sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, long? total)
        {
            Items = items;
            Total = total;
        }

        public IReadOnlyList<T> Items { get; }

        public long? Total { get; }
    }
}
