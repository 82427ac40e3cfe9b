using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Forgets the default Ango session of this runspace. Sessions held in variables keep working.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Ango")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAngo : PSCmdlet
    {
        protected override void EndProcessing() => DefaultSessions.Ango.Set(null);
    }
}
