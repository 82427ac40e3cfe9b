using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Reliability
{
    /// <summary>
    /// Ctrl+C (PowerShell.Stop) while a request is held open by the server for a minute: the command ends within a
    /// second, the client hangs up (the emulator records the exchange as dropped, status 0, long before the minute
    /// is over) and nothing more is sent afterwards. Stops between polls and during HITL backoff are covered in
    /// WaitHitlJobTests; the end of a streaming export in ExportTests.
    /// </summary>
    public sealed class CancellationTests : IDisposable
    {
        private static readonly Fault HeldForAMinute = new Fault { Delay = TimeSpan.FromSeconds(60) };

        private readonly EmulatorServer _emulator = SharedEmulator.Server;
        private readonly EmulatorAccount _account;
        private readonly HostedPowerShell _shell = new HostedPowerShell();
        private readonly string _folder = Directory.CreateTempSubdirectory("labelops-stop-").FullName;

        public CancellationTests()
        {
            _account = _emulator.CreateAccount();
            _shell.SetVariable("ApiKey", HitlTest.SecureText(_account.ApiKey));
            _shell.SetVariable("BaseUri", _emulator.BaseUri);
            _shell.SetVariable("AngoUri", new Uri(_emulator.BaseUri, "v2/"));
            _shell.SetVariable("Folder", _folder);
            _shell.Run("Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01\nConnect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 0.01").ThrowIfFailed();
            _account.ClearRequests();
        }

        [Fact]
        public void Ctrl_C_while_the_second_page_of_a_listing_is_held_open_stops_within_a_second_and_hangs_up()
        {
            var projectId = _account.Ango.AddProject("Paging");
            _account.Ango.AddAssets(projectId, 150);
            _account.Faults.Add("GET", "/v2/project/*/tasks", new Fault()); // the first page answers at once
            _account.Faults.Add("GET", "/v2/project/*/tasks", HeldForAMinute);

            using var running = StopWhileHeld("Get-AngoTask -ProjectId $p", new Dictionary<string, object?> { ["p"] = projectId }, objectsFirst: 100);

            Assert.Equal(100, running.Result.Output.Count); // the first page was written before the stop
            Assert.Equal(2, _account.Requests.Count(r => r.Path.EndsWith("/tasks", StringComparison.Ordinal)));
        }

        [Fact]
        public void Ctrl_C_during_an_Ango_retry_backoff_stops_within_a_second_and_sends_no_retry()
        {
            var projectId = _account.Ango.AddProject("Backoff");
            _shell.Run("Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 60 -MaximumRetryCount 5").ThrowIfFailed();
            _account.ClearRequests();
            _account.Faults.Add("GET", "/v2/project/*", new Fault { Status = 503 }, times: 5);

            using var running = _shell.Start("Get-AngoProject -ProjectId $p", new Dictionary<string, object?> { ["p"] = projectId });
            Conditions.WaitUntil(() => _account.Requests.Count >= 1, "the first failed attempt");
            AssertStopsWithinASecond(running);

            Assert.Single(_account.Requests);
            Assert.Equal(0, _account.RequestsInFlight);
        }

        [Fact]
        public void Ctrl_C_while_an_instructions_upload_is_held_open_stops_within_a_second_and_hangs_up()
        {
            var projectId = _account.Ango.AddProject("Upload");
            var path = Path.Combine(_folder, "guide.pdf");
            File.WriteAllBytes(path, new byte[256 * 1024]);
            _account.Faults.Add("POST", "/v2/project/*/instructions", HeldForAMinute);

            using var running = StopWhileHeld("Set-AngoProjectInstruction -ProjectId $p -Path $path", new Dictionary<string, object?> { ["p"] = projectId, ["path"] = path });

            Assert.Null(_account.Ango.GetInstructionsFile(projectId));
        }


        [Fact]
        public void Ctrl_C_while_an_export_request_is_held_open_stops_within_a_second_and_hangs_up()
        {
            var projectId = _account.Ango.AddProject("Export");
            _account.Ango.AddAssets(projectId, 3);
            _account.Faults.Add("GET", "/v2/exportV3", HeldForAMinute);

            using var running = StopWhileHeld("Export-AngoAnnotation -ProjectId $p", new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Empty(running.Result.Output); // the archive link never came, so nothing was downloaded
        }


        /// <summary>Starts the script, stops it once the held request reached the server, and checks the hang-up.</summary>
        private RunningScript StopWhileHeld(string script, IDictionary<string, object?> variables, int objectsFirst = 0)
        {
            var running = _shell.Start(script, variables);
            Conditions.WaitUntil(() => _account.Faults.Pending == 0 && _account.RequestsInFlight == 1, "the held request to reach the emulator");
            Conditions.WaitUntil(() => { lock (running.Result) return running.Result.Output.Count >= objectsFirst; }, "the objects written before the held request");
            AssertStopsWithinASecond(running);

            // The server gives up its minute-long wait only when the client closes the connection.
            Conditions.WaitUntil(() => _account.RequestsInFlight == 0, "the client to hang up the held request", 5000);
            var held = _account.Requests.Single(r => r.FaultApplied == "delay 60000ms");
            Assert.Equal(0, held.ResponseStatus);
            var sent = _account.Requests.Count;
            Conditions.WaitUntil(() => running.Completion.IsCompleted, "the pipeline to finish");
            Assert.Equal(sent, _account.Requests.Count);
            return running;
        }

        private static void AssertStopsWithinASecond(RunningScript running)
        {
            var watch = Stopwatch.StartNew();
            running.Stop();
            var finished = running.Completion.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(5));
            watch.Stop();
            Assert.True(finished, "the pipeline did not end after Stop()");
            Assert.True(watch.ElapsedMilliseconds < 1000, "Stop took " + watch.ElapsedMilliseconds + " ms");
        }

        public void Dispose()
        {
            _shell.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
