using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// Ends the default Ango session of this runspace: it is forgotten and disposed, so its connections and rate gate
    /// are released now rather than when the process ends; a variable holding the same session holds an ended one.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Ango")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAngo : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var session = DefaultSessions.Ango.Current;
            DefaultSessions.Ango.Set(null);
            session?.Dispose();
        }
    }
}
