using System.Globalization;
using System.Management.Automation;

namespace LabelOps.Base
{
    /// <summary>-First, -Skip and -IncludeTotalCount of a listing, wherever the cmdlet declares them.</summary>
    internal readonly struct ListPaging
    {
        public ListPaging(ulong first, ulong skip, bool includeTotalCount)
        {
            First = first;
            Skip = skip;
            IncludeTotalCount = includeTotalCount;
        }

        public ulong First { get; }

        public ulong Skip { get; }

        public bool IncludeTotalCount { get; }

        /// <summary>
        /// The total-count object -IncludeTotalCount writes, as PagingParameters.NewTotalCount makes it (the count,
        /// shown as "Total count: N"); written here because that method belongs to SupportsPaging cmdlets only.
        /// </summary>
        public static PSObject TotalCount(ulong count)
        {
            var total = new PSObject(count);
            var text = "Total count: " + count.ToString(CultureInfo.InvariantCulture);
            total.Members.Add(new PSScriptMethod("ToString", ScriptBlock.Create("'" + text + "'")));
            return total;
        }
    }
}
