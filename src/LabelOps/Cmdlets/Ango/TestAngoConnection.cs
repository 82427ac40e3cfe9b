using System.Management.Automation;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>
    /// $true when Ango Hub answers and accepts the key (one cheap call: the first project of the listing);
    /// $false when it refuses the key, is unreachable or fails (the reason goes to -Verbose). The Ango
    /// counterpart of Test-HitlConnection; Ango has no health route, so a listing of one project stands in.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AngoConnection")]
    [OutputType(typeof(bool))]
    public sealed class TestAngoConnection : AngoCmdlet
    {
        protected override void EndProcessing()
        {
            try
            {
                var organization = Invoke(async (bridge, token) =>
                {
                    string? found = null;
                    await foreach (var project in ClientFor(bridge).ListProjectsAsync(new PageRange { First = 1, PageSize = 1 }, null, null, token).ConfigureAwait(false))
                    {
                        found = project.Organization;
                    }
                    return found;
                });
                if (organization != null)
                {
                    ResolvedSession.Organization = organization;
                }
                WriteVerbose("Ango Hub at " + ResolvedSession.BaseUri + " accepted the key" + (organization == null ? "." : " (organization " + organization + ")."));
                WriteObject(true);
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
