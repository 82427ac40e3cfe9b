using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>
    /// Ends the default HITL session of this runspace: it is forgotten and disposed, so its connections and rate gate
    /// are released now rather than when the process ends; a variable holding the same session holds an ended one.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Hitl")]
    [OutputType(typeof(void))]
    public sealed class DisconnectHitl : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var session = DefaultSessions.Hitl.Current;
            DefaultSessions.Hitl.Set(null);
            session?.Dispose();
        }
    }
}
