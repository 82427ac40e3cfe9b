using LabelOps.Engine.Hitl;

namespace LabelOps.Base
{
    /// <summary>Base of every Humans in the Loop cmdlet.</summary>
    public abstract class HitlCmdlet : ServiceCmdlet<HitlSession>
    {
        private protected override SessionSlot<HitlSession> Slot => DefaultSessions.Hitl;

        private protected HitlClient ClientFor(PipelineBridge bridge) => new HitlClient(ResolvedSession, bridge);
    }
}
