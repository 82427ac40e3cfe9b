using System.Collections.Generic;

namespace LabelOps.Engine
{
    /// <summary>One page of a list endpoint: its items and, when the service reports it, the total across all pages.</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, long? total)
        {
            Items = items;
            Total = total;
        }

        public IReadOnlyList<T> Items { get; }

        public long? Total { get; }
    }

    /// <summary>Which part of a list the caller wants (PowerShell's -Skip and -First) and how big each page is.</summary>
    public sealed class PageRange
    {
        public const int MaximumPageSize = 100;

        public long Skip { get; set; }

        /// <summary>How many items at most; null for all.</summary>
        public long? First { get; set; }

        public int PageSize { get; set; } = MaximumPageSize;
    }
}
