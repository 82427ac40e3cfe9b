using System.Collections.Generic;
using System.Linq;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    public sealed class SecretTests : HitlTest
    {
        [Fact]
        public void The_key_appears_in_no_stream_of_a_full_scenario_with_Verbose_and_Debug()
        {
            var projectId = Account.Hitl.AddProject("Secrets", "active");
            var done = Account.Hitl.AddJob(projectId);
            Account.Hitl.SetJobStatus(projectId, done.JobId, "done");
            Account.Faults.Add("GET", "/v1/jobs/*", new Fault { Status = 503, RetryAfter = "0" });
            Shell.SetVariable("WrongKey", Secure(Account.ApiKey + "-wrong"));
            var script = string.Join("\n",
                "$DebugPreference = 'Continue'; $VerbosePreference = 'Continue'",
                "$s = Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -PassThru -Verbose -Debug",
                "$s; $s.ToString(); Get-HitlSession",
                "$s | Get-Member | ForEach-Object { $_.Name + '=' + ($s.($_.Name)) }",
                "New-HitlJob -ProjectId $p -FileUrl https://files.example.test/a.png -Verbose -Debug",
                "New-HitlJob -ProjectId $p -FileUrl https://files.example.test/a.gif -Verbose -Debug",
                "Get-HitlJob -ProjectId $p -Verbose -Debug",
                "Get-HitlJob -ProjectId $p -JobId nope -Verbose -Debug",
                "Get-HitlJob -ProjectId $p -JobId $done | Save-HitlJobFile -Path ([System.IO.Path]::GetTempPath()) -Force -Verbose -Debug",
                "Test-HitlConnection -Session ([LabelOps.HitlSession]::new($WrongKey, $BaseUri, $null)) -Verbose -Debug",
                "Connect-Hitl -ApiKey $WrongKey -BaseUri $BaseUri -Verbose -Debug");

            var result = Shell.Run(script, new Dictionary<string, object?> { ["p"] = projectId, ["done"] = done.JobId });

            Assert.NotEmpty(result.Verbose);
            Assert.NotEmpty(result.Debug);
            Assert.NotEmpty(result.Errors);
            Assert.Contains("LabelOps.Unauthorized", result.ErrorIds);
            var leaks = result.AllText().Where(t => t.Contains(Account.ApiKey)).ToList();
            Assert.Empty(leaks);
        }

        [Fact]
        public void Debug_output_shows_request_bodies_but_masks_webhook_header_values()
        {
            var projectId = Account.Hitl.AddProject("Hooks", "active");

            var result = RunConnected("New-HitlJob -ProjectId $p -FileUrl https://files.example.test/a.png -WebhookUrl https://hooks.example.test/x -WebhookHeader @{ Authorization = 'Bearer hook-secret-42' } -Debug",
                new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Empty(result.Errors);
            Assert.Contains(result.Debug, d => d.StartsWith("Request body:") && d.Contains("https://hooks.example.test/x"));
            Assert.DoesNotContain(result.AllText(), t => t.Contains("hook-secret-42"));
            Assert.Contains("hook-secret-42", Assert.Single(Requests("POST", "/v1/jobs")).Body); // the service still gets it
        }
    }
}
