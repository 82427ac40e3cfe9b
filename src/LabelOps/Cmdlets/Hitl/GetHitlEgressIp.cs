using System.Management.Automation;
using System.Net;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>The service's static egress address, for firewall allow-lists.</summary>
    [Cmdlet(VerbsCommon.Get, "HitlEgressIp")]
    [OutputType(typeof(IPAddress))]
    public sealed class GetHitlEgressIp : HitlCmdlet
    {
        protected override void EndProcessing() =>
            RunForItem(null, async (bridge, token) => bridge.WriteObject(await ClientFor(bridge).GetEgressIpAsync(token).ConfigureAwait(false)));
    }
}
