using System;
using System.Collections;
using System.Linq;
using Xunit;

namespace LabelOps.Tests.Runbooks
{
    /// <summary>
    /// A runbook outside Azure Automation, or in an Automation account without the assets, takes its key, address and
    /// project from environment variables. These tests change process environment variables, so they never run beside
    /// other tests.
    /// </summary>
    [Collection("Process environment")]
    public sealed class RunbookEnvironmentTests : RunbookTest
    {
        [Fact]
        public void Without_Automation_assets_a_runbook_uses_HITL_API_KEY_HITL_BASE_URI_and_HITL_PROJECT_ID()
        {
            var projectId = Account.Hitl.AddProject("From the environment");
            var stale = Account.Hitl.AddJob(projectId);
            stale.CreateDate = DateTimeOffset.UtcNow.AddHours(-2);
            // The Automation stand-ins answer as Azure Automation does for assets that do not exist: they throw.
            Shell.SetVariable("AutomationCredentials", new Hashtable());
            Shell.SetVariable("AutomationVariables", new Hashtable());
            var saved = new[] { "HITL_API_KEY", "HITL_BASE_URI", "HITL_PROJECT_ID" }.ToDictionary(n => n, Environment.GetEnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable("HITL_API_KEY", Account.ApiKey);
                Environment.SetEnvironmentVariable("HITL_BASE_URI", Emulator.BaseUri.ToString());
                Environment.SetEnvironmentVariable("HITL_PROJECT_ID", projectId);

                var result = RunRunbook("Stop-StaleHitlJob.ps1", new Hashtable { ["OlderThanMinutes"] = 60 });

                Assert.Empty(result.Errors);
                Assert.Null(result.Terminating);
                Assert.Equal(stale.JobId, Assert.Single(result.Objects<HitlJob>()).JobId);
                Assert.Equal("canceled", Account.Hitl.GetJob(projectId, stale.JobId)!.Status);
                Assert.Equal(new[] { "Variable:HitlProjectId", "Variable:HitlBaseUri", "Credential:HITL" }, AutomationCalls);
                Assert.All(Account.Requests, r => Assert.Equal("api_key " + Account.ApiKey, r.Headers["authorization"]));
            }
            finally
            {
                foreach (var pair in saved) Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }
    }
}
