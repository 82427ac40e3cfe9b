using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>The module's default sessions, one slot per service.</summary>
    internal static class DefaultSessions
    {
        public static readonly SessionSlot<HitlSession> Hitl =
            new SessionSlot<HitlSession>("HITL_API_KEY", "HITL_BASE_URI", "Connect-Hitl", (key, uri) => LabelOps.Engine.Hitl.HitlConnection.Open(key, uri));

        public static readonly SessionSlot<AngoSession> Ango =
            new SessionSlot<AngoSession>("ANGO_API_KEY", "ANGO_BASE_URI", "Connect-Ango", (key, uri) => LabelOps.Engine.Ango.AngoConnection.Open(key, uri));
    }
}
