using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>The organisation's storage integrations (GET /storages), streamed; the service reports no total and never returns credentials.</summary>
    [Cmdlet(VerbsCommon.Get, "AngoStorage", SupportsPaging = true)]
    [OutputType(typeof(AngoStorage))]
    public sealed class GetAngoStorage : AngoCmdlet
    {
        protected override void ProcessRecord() =>
            RunForItem(null, (bridge, token) =>
                StreamAsync(bridge, "Reading Ango storages", (range, onTotal, ct) => ClientFor(bridge).ListStoragesAsync(range, ct), token));
    }
}
