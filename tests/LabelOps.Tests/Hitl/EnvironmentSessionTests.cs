using System;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    [CollectionDefinition("Process environment", DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection { }

    /// <summary>These tests change process environment variables, so they never run beside other tests.</summary>
    [Collection("Process environment")]
    public sealed class EnvironmentSessionTests : HitlTest
    {
        [Fact]
        public void Without_Connect_Hitl_a_cmdlet_uses_HITL_API_KEY_and_HITL_BASE_URI()
        {
            var projectId = Account.Hitl.AddProject("From env", "inactive");
            using (new EnvironmentVariables(("HITL_API_KEY", Account.ApiKey), ("HITL_BASE_URI", Emulator.BaseUri.ToString())))
            {
                var result = Shell.Run("Get-HitlProject -ProjectId $p", new System.Collections.Generic.Dictionary<string, object?> { ["p"] = projectId });

                Assert.Equal("inactive", Assert.Single(result.Objects<HitlProject>()).Status);
                Assert.Equal("api_key " + Account.ApiKey, Assert.Single(Account.Requests).Headers["authorization"]);
            }
        }

        [Fact]
        public void Connect_Hitl_without_a_key_reads_HITL_API_KEY()
        {
            using (new EnvironmentVariables(("HITL_API_KEY", Account.ApiKey), ("HITL_BASE_URI", null)))
            {
                var result = Shell.Run("Connect-Hitl -BaseUri $BaseUri -PassThru");

                Assert.Empty(result.Errors);
                Assert.Single(result.Objects<HitlSession>());
            }
        }

        [Fact]
        public void Without_a_session_or_HITL_API_KEY_a_cmdlet_fails_with_NotConnected_naming_Connect_Hitl()
        {
            using (new EnvironmentVariables(("HITL_API_KEY", null), ("HITL_BASE_URI", null)))
            {
                var result = Shell.Run("Get-HitlJob -ProjectId p");

                var error = Assert.Single(result.Errors);
                Assert.StartsWith("LabelOps.NotConnected", error.FullyQualifiedErrorId);
                Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
                Assert.Contains("Connect-Hitl", error.Exception.Message);
                Assert.Contains("HITL_API_KEY", error.Exception.Message);
                Assert.Empty(Account.Requests);
            }
        }

        private sealed class EnvironmentVariables : IDisposable
        {
            private readonly (string Name, string? Value)[] _saved;

            public EnvironmentVariables(params (string Name, string? Value)[] values)
            {
                _saved = Array.ConvertAll(values, v => (v.Name, Environment.GetEnvironmentVariable(v.Name)));
                foreach (var (name, value) in values) Environment.SetEnvironmentVariable(name, value);
            }

            public void Dispose()
            {
                foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
