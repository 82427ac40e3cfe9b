using System.Net;
using LabelOps.Engine;
using Xunit;

namespace LabelOps.Tests.Engine
{
    /// <summary>
    /// Windows PowerShell 5.1 cannot run here, so the rule is checked on the setting it changes: what .NET Framework's
    /// HttpClientHandler reads. One class, so nothing else in this process sees the setting change mid-test.
    /// </summary>
    // ServicePointManager is obsolete on .NET, but it is exactly what .NET Framework's handler reads.
#pragma warning disable SYSLIB0014
    [Collection(nameof(TlsPolicyTests))]
    public sealed class TlsPolicyTests
    {
        [Fact]
        public void On_the_NET_Framework_TLS_1_2_is_added_and_nothing_the_host_chose_is_removed()
        {
            var before = ServicePointManager.SecurityProtocol;
            try
            {
                ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;

                TlsPolicy.Apply(netFramework: false);
                Assert.Equal(SecurityProtocolType.Tls, ServicePointManager.SecurityProtocol);

                TlsPolicy.Apply(netFramework: true);
                var after = ServicePointManager.SecurityProtocol;
                Assert.True(after.HasFlag(SecurityProtocolType.Tls12), after.ToString());
                Assert.True(after.HasFlag(SecurityProtocolType.Tls), after.ToString());
            }
            finally
            {
                ServicePointManager.SecurityProtocol = before;
            }
        }
    }
#pragma warning restore SYSLIB0014
}
