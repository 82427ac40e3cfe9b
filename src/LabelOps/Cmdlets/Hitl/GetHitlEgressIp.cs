using System.Management.Automation;
using System.Net;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>
    /// The service's static egress address, for firewall allow-lists: an IPAddress tagged LabelOps.HitlEgressIp, so that
    /// its view shows the address in one line (IPAddress's own default is a list of ten properties) while the object
    /// stays an IPAddress for scripts.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "HitlEgressIp")]
    [OutputType(typeof(IPAddress))]
    public sealed class GetHitlEgressIp : HitlCmdlet
    {
        protected override void EndProcessing() =>
            RunForItem(null, async (bridge, token) =>
            {
                var address = PSObject.AsPSObject(await ClientFor(bridge).GetEgressIpAsync(token).ConfigureAwait(false));
                address.TypeNames.Insert(0, "LabelOps.HitlEgressIp");
                bridge.WriteObject(address);
            });
    }
}
