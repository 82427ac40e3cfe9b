using System.Management.Automation;
using LabelOps.Base;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>The default HITL session of this runspace, if any (the key is never shown).</summary>
    [Cmdlet(VerbsCommon.Get, "HitlSession")]
    [OutputType(typeof(HitlSession))]
    public sealed class GetHitlSession : PSCmdlet
    {
        protected override void EndProcessing()
        {
            var session = DefaultSessions.Hitl.Current;
            if (session != null)
            {
                WriteObject(session);
            }
        }
    }
}
