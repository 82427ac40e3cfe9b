using System;
using System.Management.Automation;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Hitl
{
    /// <summary>$true when the service reports UP and accepts the key; $false when it is down, unreachable or refuses the key (the reason goes to -Verbose).</summary>
    [Cmdlet(VerbsDiagnostic.Test, "HitlConnection")]
    [OutputType(typeof(bool))]
    public sealed class TestHitlConnection : HitlCmdlet
    {
        protected override void EndProcessing()
        {
            try
            {
                var status = Invoke((bridge, token) => ClientFor(bridge).GetHealthStatusAsync(token));
                WriteVerbose("Service status: " + status);
                WriteObject(string.Equals(status, "UP", StringComparison.OrdinalIgnoreCase));
            }
            catch (LabelOpsException failure) when (failure.Reason == ErrorReason.Unauthorized || failure.Reason == ErrorReason.Forbidden
                || failure.Reason == ErrorReason.NetworkError || failure.Reason == ErrorReason.Timeout || failure.Reason == ErrorReason.ServerError)
            {
                WriteVerbose(failure.Message);
                WriteObject(false);
            }
            catch (LabelOpsException failure)
            {
                WriteError(ErrorRecords.From(failure, ResolvedSession.BaseUri));
            }
        }
    }
}
