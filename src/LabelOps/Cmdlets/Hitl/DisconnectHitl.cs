using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>Forgets the default HITL session of this runspace. Sessions held in variables keep working.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Hitl")]
    [OutputType(typeof(void))]
    public sealed class DisconnectHitl : PSCmdlet
    {
        protected override void EndProcessing() => DefaultSessions.Hitl.Set(null);
    }
}
