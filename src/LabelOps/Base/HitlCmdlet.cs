using System.Management.Automation;
using LabelOps.Engine;
using LabelOps.Hitl;

namespace LabelOps.Base
{
    /// <summary>Base of every Humans in the Loop cmdlet: the -Session parameter and its resolution.</summary>
    public abstract class HitlCmdlet : LabelOpsCmdlet
    {
        private HitlSession? _session;

        /// <summary>The session to use (from Connect-Hitl -PassThru); by default the one Connect-Hitl made.</summary>
        [Parameter]
        public HitlSession? Session { get; set; }

        protected HitlSession ResolvedSession => _session ??= DefaultSessions.Hitl.Resolve(Session);

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

        private protected HitlClient ClientFor(PipelineBridge bridge) => new HitlClient(ResolvedSession, bridge);
    }
}
