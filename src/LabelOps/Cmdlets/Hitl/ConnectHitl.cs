using System;
using System.Management.Automation;
using System.Security;
using LabelOps.Base;
using LabelOps.Engine;
using LabelOps.Hitl;

namespace LabelOps.Cmdlets.Hitl
{
    [Cmdlet(VerbsCommunications.Connect, "Hitl", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(HitlSession))]
    public sealed class ConnectHitl : LabelOpsCmdlet
    {
        private const string ApiKeySet = "ApiKey";
        private const string CredentialSet = "Credential";

        /// <summary>The account's API key. Without -ApiKey or -Credential, $env:HITL_API_KEY is used.</summary>
        [Parameter(ParameterSetName = ApiKeySet, Position = 0)]
        public SecureString? ApiKey { get; set; }

        /// <summary>A credential whose password is the API key (an Azure Automation credential asset).</summary>
        [Parameter(ParameterSetName = CredentialSet, Mandatory = true)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The service address; default https://api.humansintheloop.org/, or $env:HITL_BASE_URI.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>Client-side ceiling on requests per minute, shared by everything using this session.</summary>
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
                var session = new HitlSession(key, BaseUri ?? DefaultSessions.Hitl.BaseUriFromEnvironment(), options);
                var status = Invoke((bridge, token) => new HitlClient(session, bridge).GetHealthStatusAsync(token));
                if (!string.Equals(status, "UP", StringComparison.OrdinalIgnoreCase))
                {
                    throw new LabelOpsException(ErrorReason.ServerError, "The service at " + session.BaseUri + " reports status '" + status + "', not UP.");
                }
                DefaultSessions.Hitl.Set(session);
                WriteVerbose("Connected to Humans in the Loop at " + session.BaseUri);
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
            var text = Environment.GetEnvironmentVariable(DefaultSessions.Hitl.KeyVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw LabelOpsException.InvalidArgument("No API key: pass -ApiKey or -Credential, or set $env:" + DefaultSessions.Hitl.KeyVariable + ".");
            }
            return SecureStrings.FromPlainText(text!);
        }
    }
}
