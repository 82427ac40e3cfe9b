using System;
using System.Management.Automation;
using System.Security;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Engine.Hitl;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>Creates the default Humans in the Loop session, validated with the health call.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Hitl", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(HitlSession))]
    public sealed class ConnectHitl : ConnectCmdlet<HitlSession>
    {
        private protected override SessionSlot<HitlSession> Slot => DefaultSessions.Hitl;

        protected override string ServiceName => "Humans in the Loop";

        private protected override HitlSession CreateSession(SecureString key, SessionOptions options) =>
            LabelOps.Engine.Hitl.HitlConnection.Open(key, BaseUri ?? Slot.BaseUriFromEnvironment(), options);

        protected override void Validate(HitlSession session)
        {
            var status = Invoke((bridge, token) => new HitlClient(session, bridge).GetHealthStatusAsync(token));
            if (!string.Equals(status, "UP", StringComparison.OrdinalIgnoreCase))
            {
                throw new LabelOpsException(ErrorReason.ServerError, "The service at " + session.BaseUri + " reports status '" + status + "', not UP.");
            }
        }
    }
}
