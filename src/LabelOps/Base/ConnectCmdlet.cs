using System;
using System.Management.Automation;
using System.Security;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>
    /// What Connect-Hitl and Connect-Ango share: where the key comes from (-ApiKey, -Credential or the service's
    /// environment variable), the session's retry and rate settings, validation, and becoming the default.
    /// </summary>
    public abstract class ConnectCmdlet<TSession> : LabelOpsCmdlet where TSession : ServiceSession
    {
        protected const string ApiKeySet = "ApiKey";
        protected const string CredentialSet = "Credential";

        /// <summary>The account's API key. Without -ApiKey or -Credential, the service's environment variable is used.</summary>
        [Parameter(ParameterSetName = ApiKeySet, Position = 0)]
        [SecureStringOnly]
        public SecureString? ApiKey { get; set; }

        /// <summary>A credential whose password is the API key (an Azure Automation credential asset).</summary>
        [Parameter(ParameterSetName = CredentialSet, Mandatory = true)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The service address; or the service's *_BASE_URI environment variable.</summary>
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

        private protected abstract SessionSlot<TSession> Slot { get; }

        protected abstract string ServiceName { get; }

        /// <summary>Makes the session from the resolved key and settings.</summary>
        private protected abstract TSession CreateSession(SecureString key, SessionOptions options);

        /// <summary>Proves the key works with one cheap call; throws a LabelOpsException when it does not.</summary>
        protected abstract void Validate(TSession session);

        protected override void EndProcessing()
        {
            try
            {
                var session = CreateSession(ApiKey ?? Credential?.Password ?? KeyFromEnvironment(), Options());
                Validate(session);
                Slot.Set(session);
                WriteVerbose("Connected to " + ServiceName + " at " + session.BaseUri);
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

        private SessionOptions Options() => new SessionOptions
        {
            MaximumRetryCount = MaximumRetryCount,
            RetryInterval = RetryInterval,
            Timeout = Timeout,
            MaxRequestsPerMinute = MyInvocation.BoundParameters.ContainsKey(nameof(MaxRequestsPerMinute)) ? MaxRequestsPerMinute : (int?)null,
        };

        private SecureString KeyFromEnvironment()
        {
            var text = Environment.GetEnvironmentVariable(Slot.KeyVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw LabelOpsException.InvalidArgument("No API key: pass -ApiKey or -Credential, or set $env:" + Slot.KeyVariable + ".");
            }
            return SecureStrings.FromPlainText(text!);
        }
    }
}
