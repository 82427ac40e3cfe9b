using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using LabelOps.Emulator;

namespace LabelOps.Tests.Infrastructure
{
    /// <summary>
    /// Arranges what most HITL tests need: a fresh emulator account, a runspace with the module imported and
    /// connected to that account with quick retries, and helpers to read what the emulator received.
    /// </summary>
    public abstract class HitlTest : IDisposable
    {
        protected HitlTest()
        {
            Emulator = SharedEmulator.Server;
            Account = Emulator.CreateAccount();
            Shell = new HostedPowerShell();
            Shell.SetVariable("ApiKey", Secure(Account.ApiKey));
            Shell.SetVariable("BaseUri", Emulator.BaseUri);
        }

        protected EmulatorServer Emulator { get; }

        protected EmulatorAccount Account { get; }

        protected HostedPowerShell Shell { get; }

        /// <summary>The script that connects this runspace to the test's account, with millisecond backoff so retry tests stay fast.</summary>
        protected const string Connect = "Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -MaximumRetryCount 3\n";

        /// <summary>Connects, clears the emulator's log of the health check, then runs <paramref name="script"/>.</summary>
        protected PowerShellResult RunConnected(string script, IDictionary<string, object?>? variables = null)
        {
            Shell.Run(Connect).ThrowIfFailed();
            Account.ClearRequests();
            return Shell.Run(script, variables);
        }

        protected IReadOnlyList<RecordedRequest> Requests(string method, string pathPrefix) =>
            Account.Requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

        protected static SecureString Secure(string text) => SecureText(text);

        public static SecureString SecureText(string text)
        {
            var secure = new SecureString();
            foreach (var c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        public virtual void Dispose() => Shell.Dispose();
    }
}
