using System.Collections.Generic;

namespace LabelOps.Engine
{
    /// <summary>Which part of a list the caller wants (PowerShell's -Skip and -First) and how big each page is.</summary>
    internal sealed class PageRange
    {
        public const int MaximumPageSize = 100;

        public long Skip { get; set; }

        /// <summary>How many items at most; null for all.</summary>
        public long? First { get; set; }

        public int PageSize { get; set; } = MaximumPageSize;

        /// <summary>
        /// How many page requests of one listing may be unanswered at once, when the service reports the total
        /// (answered pages wait, at most as many again, to be written in order); without a total only the next page
        /// is requested ahead. 1 reads page after page with nothing in flight while items are written.
        /// </summary>
        /// <remarks>Cmdlets take it from the session (<see cref="SessionOptions.PagesInFlight"/>, Connect-Ango -PagesInFlight).</remarks>
        public int PagesInFlight { get; set; } = 8;
    }
}
