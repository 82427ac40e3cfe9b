using System;
using System.Net;
using System.Runtime.InteropServices;

namespace LabelOps.Engine
{
    /// <summary>
    /// Asks for TLS 1.2 or later on Windows PowerShell 5.1. On .NET Framework, HttpClientHandler takes its protocols
    /// from <see cref="ServicePointManager.SecurityProtocol"/>, which on hosts without the SchUseStrongCrypto registry
    /// setting (older Automation hybrid workers) still offers only SSL 3 and TLS 1.0, so every https call fails with
    /// "Could not create SSL/TLS secure channel". The setting is process-wide; it is only ever widened (TLS 1.2 and,
    /// where the runtime knows it, 1.3 are added, nothing the host chose is taken away), as Az and PnP do.
    /// On .NET (PowerShell 7) the OS picks the protocols and nothing is changed.
    /// </summary>
    internal static class TlsPolicy
    {
        // SecurityProtocolType.Tls13 is not in netstandard2.0; its value is 12288 on .NET Framework 4.8.
        private const SecurityProtocolType Tls13 = (SecurityProtocolType)12288;

        private static readonly bool OnNetFramework =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        public static void Apply() => Apply(OnNetFramework);

        /// <summary>Adds TLS 1.2 (and 1.3 where known) to the process's protocols when <paramref name="netFramework"/>.</summary>
        internal static void Apply(bool netFramework)
        {
            if (!netFramework)
            {
                return;
            }
            var wanted = ServicePointManager.SecurityProtocol | SecurityProtocolType.Tls12;
            try
            {
                ServicePointManager.SecurityProtocol = wanted | Tls13;
            }
            catch (NotSupportedException)
            {
                // A Framework older than 4.8 does not know TLS 1.3.
                ServicePointManager.SecurityProtocol = wanted;
            }
        }
    }
}
