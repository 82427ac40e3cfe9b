using System.Management.Automation;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>
    /// Base of every cmdlet that talks to a service: the -Session parameter and its resolution (the explicit session,
    /// else this runspace's default, else one from the environment), done once in BeginProcessing so that a missing
    /// session stops the command before any input is read.
    /// </summary>
    public abstract class ServiceCmdlet<TSession> : LabelOpsCmdlet
        where TSession : ServiceSession
    {
        private TSession? _session;

        /// <summary>The session to use (from Connect-Hitl/Connect-Ango -PassThru); by default the one Connect-* made.</summary>
        [Parameter]
        public TSession? Session { get; set; }

        /// <summary>The service's default-session slot.</summary>
        private protected abstract SessionSlot<TSession> Slot { get; }

        protected TSession ResolvedSession => _session ??= Slot.Resolve(Session);

        protected override void BeginProcessing()
        {
            try
            {
                _ = ResolvedSession;
            }
            catch (LabelOpsException failure)
            {
                ThrowTerminating(failure, null);
            }
        }
    }
}
