using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.NetworkInformation;
using System.Threading.Tasks;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LabelOps.Tests.Reliability
{
    /// <summary>
    /// Sends many requests across both services through real pipelines while the emulator injects random faults,
    /// then proves from the emulator's store and request log that nothing was lost or duplicated and that the
    /// process holds no leftover connections or requests. LABELOPS_SOAK_REQUESTS sets the number of operations
    /// (default 1,000); LABELOPS_SOAK_SEED the fault seed.
    /// </summary>
    public sealed class FaultSoakTests : IAsyncLifetime
    {
        private const int RoundSize = 500; // the emulator's log keeps 10,000 entries; it is read and emptied every round

        private readonly ITestOutputHelper _output;
        private EmulatorServer _server = null!;

        public FaultSoakTests(ITestOutputHelper output) => _output = output;

        // A server of its own, so that its connection count and request log belong to this test alone.
        public async Task InitializeAsync() => _server = await EmulatorServer.StartAsync();

        public async Task DisposeAsync() => await _server.DisposeAsync();

        private enum Operation
        {
            HitlCreate,
            HitlRead,
            HitlList,
            HitlCancel,
            HitlProjectRead,
            AngoProjectList,
            AngoProjectRead,
            AngoTaskList,
            AngoTaskRead,
            AngoIssueCreate,
        }

        private static readonly Dictionary<Operation, string> Scripts = new Dictionary<Operation, string>
        {
            [Operation.HitlCreate] = "New-HitlJob -ProjectId $HitlProject -FileUrl $Marker",
            [Operation.HitlRead] = "Get-HitlJob -ProjectId $HitlProject -JobId $ReadJob",
            [Operation.HitlList] = "Get-HitlJob -ProjectId $ListProject",
            [Operation.HitlCancel] = "Stop-HitlJob -ProjectId $CancelProject -JobId $CancelJob -Confirm:$false",
            [Operation.HitlProjectRead] = "Get-HitlProject -ProjectId $HitlProject",
            [Operation.AngoProjectList] = "Get-AngoProject",
            [Operation.AngoProjectRead] = "Get-AngoProject -ProjectId $AngoProject",
            [Operation.AngoTaskList] = "Get-AngoTask -ProjectId $AngoProject",
            [Operation.AngoTaskRead] = "Get-AngoTask -ProjectId $AngoProject -TaskId $AngoTask",
            [Operation.AngoIssueCreate] = "New-AngoIssue -TaskId $AngoTask -Content $Marker",
        };

        [Fact]
        public void A_fault_soak_across_both_services_loses_nothing_duplicates_no_create_and_leaves_no_connection_behind()
        {
            var operations = SoakSetting("LABELOPS_SOAK_REQUESTS", 1000);
            var seed = SoakSetting("LABELOPS_SOAK_SEED", 20261201);
            var account = _server.CreateAccount();
            var hitlProject = account.Hitl.AddProject("Soak", "active");
            var listProject = account.Hitl.AddProject("Soak list", "active");
            for (var i = 0; i < 3; i++) account.Hitl.AddJob(listProject);
            var cancelProject = account.Hitl.AddProject("Soak cancel", "active");
            var cancelJobs = new Queue<string>(Enumerable.Range(0, operations / 10 + 1).Select(_ => account.Hitl.AddJob(cancelProject).JobId));
            var readJob = account.Hitl.AddJob(hitlProject).JobId;
            var angoProject = account.Ango.AddProject("Soak");
            var angoTasks = Enumerable.Range(0, 5).Select(i => account.Ango.AddAsset(angoProject, "soak-" + i + ".jpg").TaskId).ToList();

            using var shell = new HostedPowerShell();
            shell.SetVariable("ApiKey", HitlTest.SecureText(account.ApiKey));
            shell.SetVariable("BaseUri", _server.BaseUri);
            shell.SetVariable("AngoUri", new Uri(_server.BaseUri, "v2/"));
            // Short waits so the soak is quick: a 0.5 s attempt timeout (slow answers take 60 s), 10 ms first backoff.
            shell.Run("Connect-Hitl -ApiKey $ApiKey -BaseUri $BaseUri -RetryInterval 0.01 -MaximumRetryCount 5 -Timeout 0.5\n" +
                      "Connect-Ango -ApiKey $ApiKey -BaseUri $AngoUri -RetryInterval 0.01 -MaximumRetryCount 5 -Timeout 0.5").ThrowIfFailed();
            shell.SetVariable("HitlProject", hitlProject);
            shell.SetVariable("ListProject", listProject);
            shell.SetVariable("CancelProject", cancelProject);
            shell.SetVariable("ReadJob", readJob);
            shell.SetVariable("AngoProject", angoProject);
            account.ClearRequests();
            var mix = new FaultMix(seed)
            {
                RateLimitedWithRetryAfterPercent = 5,
                RateLimitedWithoutRetryAfterPercent = 5,
                ServerErrorPercent = 5,
                ConnectionResetPercent = 2,
                TruncatedBodyPercent = 1,
                SlowResponsePercent = 1,
                SlowDelay = TimeSpan.FromSeconds(60),
            };
            account.FaultMix = mix;

            var log = new List<RecordedRequest>();
            var outcomes = new List<(Operation Operation, string? Marker, PowerShellResult Result)>();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < operations; i++)
            {
                var operation = (Operation)(i % 10);
                string? marker = null;
                if (operation == Operation.HitlCreate) marker = "https://files.example.test/soak/" + i.ToString(CultureInfo.InvariantCulture) + ".png";
                if (operation == Operation.AngoIssueCreate) marker = "soak issue " + i.ToString(CultureInfo.InvariantCulture);
                shell.SetVariable("Marker", marker);
                if (operation == Operation.HitlCancel) shell.SetVariable("CancelJob", cancelJobs.Dequeue());
                if (operation == Operation.AngoTaskRead || operation == Operation.AngoIssueCreate) shell.SetVariable("AngoTask", angoTasks[i % angoTasks.Count]);
                outcomes.Add((operation, marker, shell.Run(Scripts[operation])));
                if ((i + 1) % RoundSize == 0)
                {
                    // A timed-out attempt's server side ends a moment after the client gave up; wait so it is logged.
                    Conditions.WaitUntil(() => account.RequestsInFlight == 0, "the round's last request to be logged");
                    log.AddRange(account.Requests);
                    account.ClearRequests();
                }
            }
            watch.Stop();
            account.FaultMix = null;
            // The server records a request when its answer is sent or its connection is gone; a timed-out attempt's
            // abort reaches it asynchronously, so wait for the last one rather than guessing a time.
            Conditions.WaitUntil(() => account.RequestsInFlight == 0, "the emulator to finish every request it received");
            log.AddRange(account.Requests);
            var connections = EstablishedConnectionsTo(_server.BaseUri.Port);

            // 1. Every operation wrote its objects or exactly one ErrorRecord, never a terminating error or both.
            var problems = new List<string>();
            foreach (var (operation, marker, result) in outcomes)
            {
                var where = operation + " " + marker;
                if (result.Terminating != null) problems.Add(where + ": terminating " + result.Terminating.Message);
                if (result.Errors.Count > 1) problems.Add(where + ": " + result.Errors.Count + " errors");
                if (result.Errors.Any(e => !e.FullyQualifiedErrorId.StartsWith("LabelOps.", StringComparison.Ordinal)))
                    problems.Add(where + ": not a LabelOps error: " + result.Errors[0].FullyQualifiedErrorId);
                if (result.Errors.Count == 0 && result.Output.Count != ExpectedObjects(operation))
                    problems.Add(where + ": " + result.Output.Count + " objects and no error");
                if (result.Errors.Count == 1 && result.Output.Count != 0)
                    problems.Add(where + ": objects and an error");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));

            // 2. No create was processed twice, and only a 429 (rejected before the service acted) was ever re-sent.
            var jobsByFile = account.Hitl.GetJobs(hitlProject).SelectMany(j => j.FileUrls).GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
            var issuesByContent = account.Ango.GetIssues().GroupBy(i => (string)i["content"]!).ToDictionary(g => g.Key, g => g.Count());
            var createOutcomes = outcomes.Where(o => o.Marker != null).ToList();
            var duplicates = createOutcomes.Count(o => Stored(o) > 1);
            var resentAfterAmbiguous = 0;
            var lostAnswers = 0;
            foreach (var create in createOutcomes)
            {
                var sent = log.Where(r => r.Method == "POST" && r.Body.Contains("\"" + create.Marker + "\"", StringComparison.Ordinal)).ToList();
                resentAfterAmbiguous += sent.Take(sent.Count - 1).Count(r => r.ResponseStatus != 429);
                if (create.Result.Errors.Count == 0) Assert.Equal(1, Stored(create)); // an answered create made exactly its one
                else if (Stored(create) == 1) lostAnswers++;                          // processed, answer lost: reported, not repeated
                Assert.True(sent.Count >= 1, create.Marker + " never reached the service");
            }
            Assert.Equal(0, duplicates);
            Assert.Equal(0, resentAfterAmbiguous);

            // 3. Healthy afterwards: nothing still running against the service and no connection piling up.
            // Each session keeps at most its one pooled keep-alive connection, as the soak is sequential; a
            // connection left open by a failed, timed-out or cut exchange would add one per fault.
            Assert.True(connections <= 2, connections + " connections to the emulator are still established");

            var injected = mix.Injected;
            var errors = outcomes.SelectMany(o => o.Result.Errors).GroupBy(e => e.FullyQualifiedErrorId.Split(',')[0]).OrderBy(g => g.Key)
                .Select(g => g.Key + " " + g.Count());
            _output.WriteLine("operations: " + operations + ", seed " + seed + ", duration " + watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
            // Sequential, so a retry is a request identical to the faulted one just before it.
            var retries = log.Skip(1).Zip(log, (request, previous) => previous.FaultApplied != null && SameCall(request, previous)).Count(r => r);
            var readErrors = outcomes.Where(o => o.Marker == null).Sum(o => o.Result.Errors.Count);
            _output.WriteLine("requests received: " + log.Count + ", of which retries: " + retries);
            _output.WriteLine("faults injected: " + string.Join(", ", Enum.GetValues(typeof(FaultKind)).Cast<FaultKind>().Select(k => k + " " + injected.GetValueOrDefault(k))) +
                              " (total " + injected.Values.Sum() + ", after the handler ran: " + log.Count(r => r.FaultApplied?.Contains("after handler") == true) + ")");
            _output.WriteLine("errors surfaced: " + outcomes.Sum(o => o.Result.Errors.Count) + ", of them on reads and cancels: " + readErrors + " (" + string.Join(", ", errors) + ")");
            _output.WriteLine("creates: " + createOutcomes.Count + ", duplicates: " + duplicates + ", re-sent after an ambiguous failure: " + resentAfterAmbiguous +
                              ", processed but answer lost (reported once): " + lostAnswers);
            _output.WriteLine("established connections afterwards: " + connections + ", requests in flight: " + account.RequestsInFlight);

            int Stored((Operation Operation, string? Marker, PowerShellResult Result) create) =>
                (create.Operation == Operation.HitlCreate ? jobsByFile : issuesByContent).GetValueOrDefault(create.Marker!);
        }

        private static bool SameCall(RecordedRequest a, RecordedRequest b) =>
            a.Method == b.Method && a.Path == b.Path && a.QueryString == b.QueryString && a.Body == b.Body;

        private static int ExpectedObjects(Operation operation) => operation switch
        {
            Operation.HitlList => 3,
            Operation.AngoTaskList => 5,
            Operation.HitlCancel => 0, // writes nothing without -PassThru
            _ => 1,
        };

        /// <summary>Client-side TCP connections of this process to the port (read from the OS, e.g. /proc/net/tcp).</summary>
        private static int EstablishedConnectionsTo(int port) =>
            IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
                .Count(c => c.RemoteEndPoint.Port == port && c.State == TcpState.Established);

        private static int SoakSetting(string name, int defaultValue) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : defaultValue;
    }
}
