using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Reliability
{
    /// <summary>
    /// The key is used (the emulator receives it) but never shown: not in any stream, error, host output,
    /// serialized session or error list, and never sent to a host other than the session's own.
    /// </summary>
    public sealed class SecretScenarioTests : IDisposable
    {
        private readonly EmulatorServer _emulator = SharedEmulator.Server;
        private readonly EmulatorAccount _account;
        private readonly CapturingHost _host = new CapturingHost();
        private readonly HostedPowerShell _shell;

        public SecretScenarioTests()
        {
            _account = _emulator.CreateAccount();
            _shell = new HostedPowerShell(_host);
            _shell.SetVariable("ApiKey", HitlTest.SecureText(_account.ApiKey));
            _shell.SetVariable("Credential", new PSCredential("ango", HitlTest.SecureText(_account.ApiKey)));
            _shell.SetVariable("WrongKey", HitlTest.SecureText(_account.ApiKey + "-wrong"));
            _shell.SetVariable("BaseUri", _emulator.BaseUri);
            _shell.SetVariable("AngoUri", new Uri(_emulator.BaseUri, "v2/"));
        }

        [Fact]
        public void A_full_scenario_on_both_services_shows_the_key_in_no_stream_host_output_error_or_serialized_session()
        {
            var projectId = _account.Hitl.AddProject("Secrets", "active");
            var jobId = _account.Hitl.AddJob(projectId).JobId;
            var angoProject = _account.Ango.AddProject("Secrets");
            var taskId = _account.Ango.AddAsset(angoProject, "a.jpg").TaskId;
            _account.Faults.Add("GET", "/v1/jobs/*/*", new Fault { Status = 503 }); // one retry, shown in -Verbose
            var script = string.Join("\n",
                "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'",
                "$h = Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -MaximumRetryCount 2 -PassThru",
                "$a = Connect-Ango -Credential $Credential -BaseUri $AngoUri -RetryInterval 0.01 -MaximumRetryCount 2 -PassThru",
                "$h; $a; $h.ToString(); $a.ToString(); Get-HitlSession; Get-AngoSession",
                "$h | Out-Default; $a | Out-Default",
                "$h, $a | ForEach-Object { $_.PSObject.Properties | ForEach-Object { $_.Name + '=' + $_.Value } }",
                "[System.Management.Automation.PSSerializer]::Serialize($h, 5)",
                "[System.Management.Automation.PSSerializer]::Serialize($a, 5)",
                "Get-HitlJob -ProjectId $p -JobId $j | Out-Default",
                "Get-HitlJob -ProjectId $p | Out-Default",
                "Get-AngoProject | Out-Default",
                "Get-AngoTask -ProjectId $ap | Out-Default",
                "New-HitlJob -ProjectId $p -FileUrl https://files.example.test/secret.png | Out-Default",
                "New-AngoIssue -TaskId $t -Content 'secret scan' | Out-Default",
                "Get-HitlJob -ProjectId $p -JobId missing",
                "Get-AngoTask -ProjectId $ap -TaskId missing",
                "try { Connect-Ango -ApiKey $WrongKey -BaseUri $AngoUri } catch { $_ }",
                "Test-HitlConnection -Session ([LabelOps.HitlSession]::new($WrongKey, $BaseUri, $null))",
                "$Error | Out-Default",
                "$Error | ForEach-Object { $_.Exception.ToString(); $_.ScriptStackTrace; $_.InvocationInfo.Line }",
                "[System.Management.Automation.PSSerializer]::Serialize($Error, 5)");

            var result = _shell.Run(script, new Dictionary<string, object?> { ["p"] = projectId, ["j"] = jobId, ["ap"] = angoProject, ["t"] = taskId });

            // The scenario really happened: the key was used, and each kind of text the scan reads is there.
            Assert.Contains(_account.Requests, r => r.Headers.TryGetValue("authorization", out var v) && v.Contains(_account.ApiKey));
            Assert.Contains(_account.Requests, r => r.Headers.TryGetValue("apikey", out var v) && v == _account.ApiKey);
            Assert.Contains(result.Verbose, v => v.StartsWith("Retry ", StringComparison.Ordinal));
            Assert.Contains(result.Debug, d => d.StartsWith("Response body:", StringComparison.Ordinal));
            Assert.Contains("LabelOps.NotFound", result.ErrorIds);
            Assert.Contains(result.Output, o => o.BaseObject is string s && s.Contains("<Objs", StringComparison.Ordinal) && s.Contains(_emulator.BaseUri.Authority, StringComparison.Ordinal));
            Assert.Contains("failed with HTTP 401", _host.Text);
            Assert.DoesNotContain("is not recognized", _host.Text); // every step of the script ran
            Assert.Contains(projectId, _host.Text);

            var leaks = result.AllText().Append(_host.Text).Where(t => t.Contains(_account.ApiKey, StringComparison.Ordinal)).ToList();
            Assert.Empty(leaks);
        }




        [Fact]
        public void An_Ango_redirect_to_another_host_drops_the_apikey_header()
        {
            var projectId = _account.Ango.AddProject("Redirects");
            var elsewhere = new UriBuilder(_emulator.BaseUri) { Host = "localhost", Path = "/v2/project/" + projectId }.Uri;
            _account.Faults.Add("GET", "/v2/project/moved-away", new Fault { RedirectTo = elsewhere.AbsoluteUri, Status = 301 });

            var result = _shell.Run("Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 0.01 -MaximumRetryCount 0\n" +
                                    "Get-AngoProject -ProjectId moved-away");

            Assert.StartsWith("LabelOps.Unauthorized", Assert.Single(result.Errors).FullyQualifiedErrorId);
            var arrived = Assert.Single(_emulator.UnauthenticatedRequests, r => r.Path == elsewhere.AbsolutePath);
            Assert.False(arrived.Headers.ContainsKey("apikey"), "the key went to another host");
        }

        public void Dispose() => _shell.Dispose();
    }
}
