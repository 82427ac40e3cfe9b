using System;
using System.Collections.Generic;
using System.Linq;
using LabelOps.Emulator;

namespace LabelOps.Tests.Infrastructure
{
    /// <summary>
    /// Arranges what most Ango tests need: a fresh emulator account (its own organisation), a runspace with the
    /// module imported, and a connection to the account's /v2 API with quick retries.
    /// </summary>
    public abstract class AngoTest : IDisposable
    {
        protected AngoTest()
        {
            Emulator = SharedEmulator.Server;
            Account = Emulator.CreateAccount();
            Shell = new HostedPowerShell();
            Shell.SetVariable("ApiKey", HitlTest.SecureText(Account.ApiKey));
            Shell.SetVariable("AngoUri", new Uri(Emulator.BaseUri, "v2/"));
        }

        protected EmulatorServer Emulator { get; }

        protected EmulatorAccount Account { get; }

        protected AngoStore Ango => Account.Ango;

        protected HostedPowerShell Shell { get; }

        protected const string Connect = "Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 0.01 -MaximumRetryCount 3\n";

        /// <summary>Connects, clears the emulator's log of the validation call, then runs <paramref name="script"/>.</summary>
        protected PowerShellResult RunConnected(string script, IDictionary<string, object?>? variables = null)
        {
            Shell.Run(Connect).ThrowIfFailed();
            Account.ClearRequests();
            return Shell.Run(script, variables);
        }

        protected IReadOnlyList<RecordedRequest> Requests(string method, string pathPrefix) =>
            Account.Requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

        /// <summary>The query of a recorded request as name → value (values URL-decoded).</summary>
        protected static IReadOnlyDictionary<string, string> Query(RecordedRequest request) =>
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString).ToDictionary(p => p.Key, p => p.Value.ToString());

        public virtual void Dispose() => Shell.Dispose();
    }
}
