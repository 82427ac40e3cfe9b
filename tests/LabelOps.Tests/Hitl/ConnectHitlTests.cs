using System.Linq;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    public sealed class ConnectHitlTests : HitlTest
    {
        [Fact]
        public void Connect_Hitl_validates_the_key_with_one_health_call_and_becomes_the_default_session()
        {
            var result = Shell.Run(Connect + "Get-HitlSession");

            Assert.Empty(result.Errors);
            var session = Assert.Single(result.Objects<HitlSession>());
            Assert.Equal(Emulator.BaseUri, session.BaseUri);
            var health = Assert.Single(Account.Requests);
            Assert.Equal("GET", health.Method);
            Assert.Equal("/v1/health", health.Path);
            Assert.Equal("api_key " + Account.ApiKey, health.Headers["authorization"]);
            Assert.StartsWith("LabelOps/", health.Headers["user-agent"]);
        }

        [Fact]
        public void Connect_Hitl_with_a_wrong_key_stops_with_Unauthorized_and_sets_no_session()
        {
            Shell.SetVariable("WrongKey", Secure("not-a-real-key"));

            var result = Shell.Run("Connect-Hitl -ApiKey $WrongKey -BaseUri $BaseUri -RetryInterval 0.01");
            var after = Shell.Run("Get-HitlSession");

            Assert.StartsWith("LabelOps.Unauthorized", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(after.Output);
        }

        [Fact]
        public void Connect_Hitl_takes_the_key_from_a_credential_password()
        {
            Shell.SetVariable("Credential", new System.Management.Automation.PSCredential("automation", Secure(Account.ApiKey)));

            var result = Shell.Run("Connect-Hitl -Credential $Credential -BaseUri $BaseUri -PassThru");

            Assert.Empty(result.Errors);
            Assert.Single(result.Objects<HitlSession>());
            Assert.Equal("api_key " + Account.ApiKey, Account.Requests.Single().Headers["authorization"]);
        }

        [Theory]
        [InlineData("http://example.com/")]
        [InlineData("ftp://127.0.0.1/")]
        public void Connect_Hitl_refuses_insecure_or_non_http_base_uris_before_sending_anything(string uri)
        {
            Shell.SetVariable("Insecure", new System.Uri(uri));

            var result = Shell.Run("Connect-Hitl -ApiKey $ApiKey -BaseUri $Insecure");

            Assert.StartsWith("LabelOps.InvalidArgument", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Disconnect_Hitl_drops_the_default_session_so_the_next_call_is_NotConnected()
        {
            var result = Shell.Run(Connect + "Disconnect-Hitl\nGet-HitlSession\nGet-HitlProject -ProjectId p1");

            Assert.Empty(result.Objects<HitlSession>());
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotConnected", error.FullyQualifiedErrorId);
            Assert.Contains("Connect-Hitl", error.Exception.Message);
        }

        [Fact]
        public void Test_HitlConnection_is_true_for_a_good_key_and_false_for_a_refused_one()
        {
            Shell.SetVariable("WrongKey", Secure("wrong"));

            var result = Shell.Run(Connect + "Test-HitlConnection\n$bad = [LabelOps.HitlSession]::new($WrongKey, $BaseUri, $null)\nTest-HitlConnection -Session $bad");

            Assert.Equal(new[] { true, false }, result.Objects<bool>().ToArray());
            Assert.Empty(result.Errors);
        }

        [Fact]
        public void A_session_in_a_variable_works_with_Session_after_Disconnect()
        {
            var projectId = Account.Hitl.AddProject("Kept", "active");

            var result = Shell.Run(
                "$s = Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -PassThru\nDisconnect-Hitl\nGet-HitlProject -ProjectId $id -Session $s",
                new System.Collections.Generic.Dictionary<string, object?> { ["id"] = projectId });

            var project = Assert.Single(result.Objects<HitlProject>());
            Assert.Equal("active", project.Status);
        }
    }
}
