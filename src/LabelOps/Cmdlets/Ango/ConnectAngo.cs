using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using LabelOps.Ango;
using LabelOps.Base;
using LabelOps.Engine;

namespace LabelOps.Cmdlets.Ango
{
    /// <summary>Creates the default Ango Hub session, validated with a one-item project listing.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Ango", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(AngoSession))]
    public sealed class ConnectAngo : LabelOpsCmdlet
    {
        private const string ApiKeySet = "ApiKey";
        private const string CredentialSet = "Credential";

        /// <summary>The API key (Ango Hub: Account → API). Without -ApiKey or -Credential, $env:ANGO_API_KEY is used.</summary>
        [Parameter(ParameterSetName = ApiKeySet, Position = 0)]
        public SecureString? ApiKey { get; set; }

        /// <summary>A credential whose password is the API key (an Azure Automation credential asset).</summary>
        [Parameter(ParameterSetName = CredentialSet, Mandatory = true)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>Which Ango Hub server: EU (default), US, India or Test.</summary>
        [Parameter]
        public AngoRegion Region { get; set; } = AngoRegion.EU;

        /// <summary>Overrides -Region; or $env:ANGO_BASE_URI. Must end in the API version path, e.g. https://imeritapi.ango.ai/v2.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>Client-side ceiling on requests per minute, shared by everything using this session (the standard plan allows 100).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int MaxRequestsPerMinute { get; set; }

        [Parameter]
        [ValidateRange(0, 100)]
        public int MaximumRetryCount { get; set; } = 5;

        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            try
            {
                var key = ApiKey ?? Credential?.Password ?? KeyFromEnvironment();
                var options = new SessionOptions
                {
                    MaximumRetryCount = MaximumRetryCount,
                    RetryInterval = RetryInterval,
                    Timeout = Timeout,
                    MaxRequestsPerMinute = MyInvocation.BoundParameters.ContainsKey(nameof(MaxRequestsPerMinute)) ? MaxRequestsPerMinute : (int?)null,
                };
                var baseUri = BaseUri
                    ?? (MyInvocation.BoundParameters.ContainsKey(nameof(Region)) ? null : DefaultSessions.Ango.BaseUriFromEnvironment())
                    ?? AngoSession.BaseUriFor(Region);
                var session = new AngoSession(key, baseUri, options);
                RunAsync(async (bridge, token) =>
                {
                    var client = new AngoClient(session, bridge);
                    await foreach (var _ in client.ListProjectsAsync(new PageRange { First = 1, PageSize = 1 }, null, null, token).ConfigureAwait(false))
                    {
                    }
                });
                DefaultSessions.Ango.Set(session);
                WriteVerbose("Connected to Ango Hub at " + session.BaseUri);
                if (PassThru)
                {
                    WriteObject(session);
                }
            }
            catch (LabelOpsException failure)
            {
                ThrowTerminating(failure, BaseUri);
            }
        }

        private static SecureString KeyFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(DefaultSessions.Ango.KeyVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw LabelOpsException.InvalidArgument("No API key: pass -ApiKey or -Credential, or set $env:" + DefaultSessions.Ango.KeyVariable + ".");
            }
            return SecureStrings.FromPlainText(text!);
        }
    }
}
