using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>The default Ango session of this runspace, if any (the key is never shown).</summary>
    [Cmdlet(VerbsCommon.Get, "AngoSession")]
    [OutputType(typeof(AngoSession))]
    public sealed class GetAngoSession : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var session = DefaultSessions.Ango.Current;
            if (session != null)
            {
                WriteObject(session);
            }
        }
    }
}
