using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine.Ango;

namespace LabelOps.Base
{
    /// <summary>
    /// Base of the cmdlets that take people out of the organisation by e-mail (members, invitations): every address
    /// given or piped is collected, asked about once, and sent in one request; partial failures become a warning.
    /// </summary>
    public abstract class AngoOrganizationRemoval : AngoOrganizationCmdlet
    {
        private readonly List<string> _emails = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Email { get; set; } = new string[0];

        /// <summary>The ShouldProcess action, e.g. "Remove from Ango organization".</summary>
        private protected abstract string Action { get; }

        /// <summary>What happened to each address, for the warning about those that failed ("removed").</summary>
        private protected abstract string Done { get; }

        private protected abstract Task<object?> SendAsync(AngoClient client, string organizationId, IReadOnlyList<string> emails, CancellationToken token);

        protected override void ProcessRecord() => _emails.AddRange(Email);

        protected override void EndProcessing()
        {
            var emails = _emails.Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
            if (emails.Count == 0 || !ShouldProcess(OrganizationChange.Describe(emails, OrganizationId), Action))
            {
                return;
            }
            RunForItem(emails, async (bridge, token) =>
            {
                var client = ClientFor(bridge);
                var organization = await OrganizationAsync(client, token).ConfigureAwait(false);
                var result = await SendAsync(client, organization, emails, token).ConfigureAwait(false);
                OrganizationChange.ReportCounts(bridge, result, emails.Count, Done);
            });
        }
    }
}
