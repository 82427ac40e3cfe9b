using System.Management.Automation;

namespace LabelOps.Base
{
    /// <summary>
    /// Base of the Ango cmdlets that either list (set "List", streamed page by page) or read by id (set "ById"):
    /// -First, -Skip and -IncludeTotalCount belong to the listing only, so they are declared here in the List set
    /// instead of with SupportsPaging, which would show them on the by-id reads too, where they mean nothing.
    /// </summary>
    public abstract class AngoListOrByIdCmdlet : AngoCmdlet
    {
        private protected const string ListSet = "List";
        private protected const string ByIdSet = "ById";

        /// <summary>Reports the number of items the listing holds (before -Skip and -First) first.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter IncludeTotalCount { get; set; }

        /// <summary>Skips this many items of the listing.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong Skip { get; set; }

        /// <summary>Writes at most this many items of the listing.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public ulong First { get; set; } = ulong.MaxValue;

        private protected override ListPaging Paging => new ListPaging(First, Skip, IncludeTotalCount);
    }
}
