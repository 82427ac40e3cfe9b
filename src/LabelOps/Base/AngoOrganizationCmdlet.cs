using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Base;
using LabelOps.Engine.Ango;

namespace LabelOps.Base
{
    /// <summary>
    /// Base of the organisation cmdlets: -OrganizationId, defaulting to the organisation of the first project the
    /// key can see. It is looked up once per command and never cached on the session, which runspaces share.
    /// </summary>
    public abstract class AngoOrganizationCmdlet : AngoCmdlet
    {
        /// <summary>The organisation; by default the one of the first project the key can see.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? OrganizationId { get; set; }

        private string? _resolved;

        private protected async Task<string> OrganizationAsync(AngoClient client, CancellationToken token) =>
            _resolved ??= await client.ResolveOrganizationIdAsync(OrganizationId, token).ConfigureAwait(false);
    }
}
