using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using static LabelOps.Benchmarks.ResultTable;

namespace LabelOps.Benchmarks;

/// <summary>
/// Issue 13's scenarios, each side in a fresh real pwsh 7.6.10 process (<see cref="PwshProcess"/>), with that
/// process's CPU time and peak working set next to the wall time: waiting on a few and on many jobs of a project
/// holding many finished jobs, a per-minute limit used in full, and the CPU a listed task costs.
/// </summary>
public sealed partial class BenchmarkRun
{
    /// <summary>
    /// The LabelOps.Engine assembly, as a PowerShell expression. The engine lives in the module's own
    /// AssemblyLoadContext, where PowerShell does not resolve type names ([LabelOps.Engine.PageRange] is not found),
    /// and the public sessions live in LabelOps.Model, so engine types (PageRange, HitlWaitPlanner) are reached
    /// through the loaded engine assembly by name. The intrinsic .Where() rather than Where-Object | Select-Object:
    /// the hosted <see cref="BenchmarkShell"/> (InitialSessionState.CreateDefault2) has no Select-Object.
    /// </summary>
    internal const string EngineAssembly =
        "([AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'LabelOps.Engine' }, 'First')[0])";

    private const string ConnectHitl = """
        $key = ConvertTo-SecureString $env:B_KEY -AsPlainText -Force
        Connect-Hitl -ApiKey $key -BaseUri $env:B_URI

        """;

    private const string ConnectAngo = """
        $key = ConvertTo-SecureString $env:B_KEY -AsPlainText -Force
        if ($env:B_RATE) { Connect-Ango -ApiKey $key -BaseUri ($env:B_URI + 'v2/') -MaxRequestsPerMinute ([int]$env:B_RATE) }
        else { Connect-Ango -ApiKey $key -BaseUri ($env:B_URI + 'v2/') }

        """;

    /// <summary>Wait-HitlJob; B_OLDRULE=1 brings back the rule before issue 13 (bulk read whenever two or more jobs are waited for).</summary>
    private const string WaitWithLabelOps = ConnectHitl
        + "if ($env:B_OLDRULE -eq '1') { (" + EngineAssembly + ".GetType('LabelOps.Engine.Hitl.HitlWaitPlanner'))::UseCostRule = $false }\n"
        + """
        $ids = $env:B_IDS -split ','
        $n = 0; $lastSeen = [DateTimeOffset]::MinValue
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Wait-HitlJob -ProjectId $env:B_PROJECT -JobId $ids -PollInterval ([double]$env:B_POLL) -Timeout 600 | ForEach-Object { $n++; $lastSeen = [DateTimeOffset]::UtcNow }
        Send-BenchResult @{ elapsedMs = $watch.Elapsed.TotalMilliseconds; written = $n; lastSeen = $lastSeen.ToString('o') }
        """;

    /// <summary>What a skilled user writes with Invoke-RestMethod: read each job still pending, sleep the interval, repeat.</summary>
    private const string WaitWithIrmLoop = """
        $headers = @{ Authorization = 'api_key ' + $env:B_KEY }
        $pending = [System.Collections.Generic.List[string]]::new([string[]]($env:B_IDS -split ','))
        $final = 'done', 'error', 'canceled', 'expired'
        $n = 0; $lastSeen = [DateTimeOffset]::MinValue
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        while ($pending.Count -gt 0) {
            foreach ($id in @($pending)) {
                $job = Invoke-RestMethod -Uri ($env:B_URI + 'v1/jobs/' + $env:B_PROJECT + '/' + $id) -Headers $headers
                if ($final -contains $job.status) { [void]$pending.Remove($id); $n++; $lastSeen = [DateTimeOffset]::UtcNow }
            }
            if ($pending.Count -gt 0) { Start-Sleep -Milliseconds ([int]([double]$env:B_POLL * 1000)) }
        }
        Send-BenchResult @{ elapsedMs = $watch.Elapsed.TotalMilliseconds; written = $n; lastSeen = $lastSeen.ToString('o') }
        """;

    // JitInfo: time the runtime spent compiling (all threads, including the tiering thread) during the timed part.
    private const string ListIntoEmptyForEach = ConnectAngo + """
        Get-AngoTask -ProjectId $env:B_PROJECT -First 200 | ForEach-Object {}
        $self = [System.Diagnostics.Process]::GetCurrentProcess()
        $cpuBefore = $self.TotalProcessorTime
        $jitBefore = [System.Runtime.JitInfo]::GetCompilationTime($false)
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-AngoTask -ProjectId $env:B_PROJECT | ForEach-Object {}
        $elapsed = $watch.Elapsed
        $self.Refresh()
        Send-BenchResult @{ elapsedMs = $elapsed.TotalMilliseconds; workCpuMs = ($self.TotalProcessorTime - $cpuBefore).TotalMilliseconds; workJitMs = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitBefore).TotalMilliseconds }
        """;

    private const string CountListed = ConnectAngo + """
        $n = 0
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        Get-AngoTask -ProjectId $env:B_PROJECT | ForEach-Object { $n++ }
        Send-BenchResult @{ elapsedMs = $watch.Elapsed.TotalMilliseconds; written = $n }
        """;

    /// <summary>The net of the CPU figure: a bare pwsh piping as many ready objects into ForEach-Object {}.</summary>
    private const string BareReadyObjects = """
        $count = [int]$env:B_COUNT
        $objects = [object[]]::new($count)
        for ($i = 0; $i -lt $count; $i++) { $objects[$i] = [pscustomobject]@{ TaskId = "$i" } }
        $self = [System.Diagnostics.Process]::GetCurrentProcess()
        $cpuBefore = $self.TotalProcessorTime
        $jitBefore = [System.Runtime.JitInfo]::GetCompilationTime($false)
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $objects | ForEach-Object {}
        $elapsed = $watch.Elapsed
        $self.Refresh()
        Send-BenchResult @{ elapsedMs = $elapsed.TotalMilliseconds; workCpuMs = ($self.TotalProcessorTime - $cpuBefore).TotalMilliseconds; workJitMs = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitBefore).TotalMilliseconds }
        """;

    private static double D(JsonObject o, string name) => (double)o[name]!;

    private static string ProcessFigures(JsonObject o) => $"CPU {Seconds(TimeSpan.FromMilliseconds(D(o, "cpuMs")))}, peak {Number(D(o, "peakWorkingSetMB"))} MiB";

    private Dictionary<string, string> Env(string key, params (string Name, string Value)[] more)
    {
        var env = new Dictionary<string, string> { ["B_KEY"] = key, ["B_URI"] = _emulator.BaseUri.AbsoluteUri };
        foreach (var (name, value) in more) env[name] = value;
        return env;
    }

    private sealed record WaitSide(string Name, JsonObject Figures, int Singles, int Bulks, long Bytes, TimeSpan Lag, int Polls);

    private async Task<IReadOnlyList<FigureResult>> WaitInBigProjectAsync(bool smoke)
    {
        var results = new List<FigureResult>();
        var poll = _settings.BigWaitPollInterval;
        var key = await _emulator.CreateAccountAsync();
        var projectId = await _emulator.CreateHitlProjectAsync(key);
        await _emulator.AddGeneratedHitlJobsAsync(key, projectId, _settings.BigProjectJobs);
        var bulkBytes = await _emulator.HitlReplyBytesAsync(key, "v1/jobs/" + projectId);
        _log.WriteLine($"Wait-HitlJob in a project of {_settings.BigProjectJobs:N0} finished jobs (bulk reply {Number(bulkBytes / MegaByte, "0.0")} MiB), -PollInterval {poll.TotalSeconds} s, each side in a fresh pwsh");

        async Task<WaitSide> Side(string name, string script, int jobs, bool oldRule = false)
        {
            var ids = new List<string>();
            for (var i = 0; i < jobs; i++) ids.Add(await _emulator.CreateHitlJobAsync(key, projectId));
            await _emulator.ClearRequestsAsync(key);
            var running = PwshProcess.RunAsync(script, Env(key,
                ("B_PROJECT", projectId), ("B_IDS", string.Join(",", ids)), ("B_POLL", poll.TotalSeconds.ToString(CultureInfo.InvariantCulture)), ("B_OLDRULE", oldRule ? "1" : "0")),
                importModule: script != WaitWithIrmLoop);
            // The jobs finish while the side is waiting, as workers would: two and a half poll intervals after its
            // first poll (so pwsh's start-up is not counted as lag), all at once (8 status changes at a time).
            while (!running.IsCompleted && !(await _emulator.RequestsAsync(key)).Any(r => r.Path.StartsWith("/v1/jobs/" + projectId, StringComparison.Ordinal)))
            {
                await Task.Delay(50);
            }
            await Task.Delay(poll * 2.5);
            using (var slots = new System.Threading.SemaphoreSlim(8))
            {
                await Task.WhenAll(ids.Select(async id =>
                {
                    await slots.WaitAsync();
                    try { await _emulator.SetHitlJobStatusAsync(key, projectId, id, "done"); }
                    finally { slots.Release(); }
                }));
            }
            var figures = await running;
            var log = (await _emulator.RequestsAsync(key)).Where(r => r.Path.StartsWith("/v1/jobs/" + projectId, StringComparison.Ordinal)).OrderBy(r => r.ReceivedAt).ToList();
            var bulks = log.Count(r => r.Path == "/v1/jobs/" + projectId);
            var singles = log.Count - bulks;
            var singleBytes = await _emulator.HitlReplyBytesAsync(key, "v1/jobs/" + projectId + "/" + ids[0]);
            // How late the last job was seen: when the script wrote it, against the latest finish_date of the jobs.
            var finished = await FinishDatesAsync(key, projectId, ids);
            var lag = DateTimeOffset.Parse((string)figures["lastSeen"]!, CultureInfo.InvariantCulture) - finished.Max();
            var polls = log.Count == 0 ? 0 : 1 + log.Zip(log.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).Count(gap => gap > poll / 2);
            return new WaitSide(name, figures, singles, bulks, singles * singleBytes + bulks * bulkBytes, lag, polls);
        }

        string Describe(WaitSide s) =>
            $"{s.Name}: {Seconds(TimeSpan.FromMilliseconds(D(s.Figures, "elapsedMs")))}, last job seen {Seconds(s.Lag)} after it finished, {s.Bulks} bulk + {s.Singles} single reads = {Bytes(s.Bytes)}, {ProcessFigures(s.Figures)}";

        var few = _settings.WaitFewJobs;
        var after = await Side("Wait-HitlJob", WaitWithLabelOps, few);
        var irm = await Side("IRM per-job loop", WaitWithIrmLoop, few);
        var before = smoke ? null : await Side("Wait-HitlJob, rule before issue 13 (bulk read for 2+ jobs)", WaitWithLabelOps, few, oldRule: true);
        var time = D(after.Figures, "elapsedMs") / D(irm.Figures, "elapsedMs");
        var memory = D(after.Figures, "peakWorkingSetMB") / D(irm.Figures, "peakWorkingSetMB");
        var bytesRatio = irm.Bytes == 0 ? 0 : (double)after.Bytes / irm.Bytes;
        results.Add(new FigureResult(
            $"Wait-HitlJob on {few} jobs of a project of {_settings.BigProjectJobs:N0} finished jobs (fresh pwsh each)",
            Describe(irm) + (before is null ? string.Empty : "; " + Describe(before)),
            Describe(after),
            $"time {Number(time, "0.00")}×, bytes {Number(bytesRatio, "0.00")}×, peak memory {Number(memory, "0.00")}× the IRM loop"
                + (before is null ? string.Empty : $"; vs before: {Number(D(before.Figures, "elapsedMs") / D(after.Figures, "elapsedMs"), "0.0")}× faster, {Number((double)before.Bytes / Math.Max(1, after.Bytes), "0")}× fewer bytes, {Number(D(before.Figures, "cpuMs") / D(after.Figures, "cpuMs"), "0.0")}× less CPU"),
            "≤ the IRM per-job loop in time, bytes and memory",
            time <= 1.0 && bytesRatio <= 1.0 && memory <= 1.0,
            [
                Check.Equal("every job written (Wait-HitlJob)", (long)few, (long)D(after.Figures, "written")),
                Check.Equal("every job written (IRM loop)", (long)few, (long)D(irm.Figures, "written")),
                Check.Equal("no bulk read for a few jobs of a big project", 0, after.Bulks),
            ],
            "memory is the whole pwsh process's peak working set; the Wait-HitlJob side also loads the module"));

        var many = _settings.WaitManyJobs;
        var manySide = await Side("Wait-HitlJob", WaitWithLabelOps, many);
        var perPoll = manySide.Polls == 0 ? 0 : (double)(manySide.Bulks + manySide.Singles) / manySide.Polls;
        results.Add(new FigureResult(
            $"Wait-HitlJob on {many} jobs of a project of {_settings.BigProjectJobs:N0} finished jobs (fresh pwsh)",
            $"{many} jobs (one request per job per poll would be {many}); poll interval {Seconds(poll)}",
            Describe(manySide) + $", {manySide.Polls} polls",
            Number(perPoll, "0.##") + " request(s) per poll; lag " + Number(manySide.Lag / poll, "0.00") + " poll intervals",
            "1 request per poll, lag ≤ one poll interval",
            perPoll == 1 && manySide.Lag <= poll,
            [
                Check.Equal("every job written", (long)many, (long)D(manySide.Figures, "written")),
                Check.Equal("one request per poll", manySide.Polls, manySide.Bulks + manySide.Singles),
            ]));
        return results;
    }

    private async Task<List<DateTimeOffset>> FinishDatesAsync(string key, string projectId, IReadOnlyCollection<string> ids)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.BaseUri, "v1/jobs/" + projectId));
        request.Headers.TryAddWithoutValidation("Authorization", "api_key " + key);
        using var response = await http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var wanted = new HashSet<string>(ids);
        return document.RootElement.EnumerateArray()
            .Where(j => wanted.Contains(j.GetProperty("job_id").GetString()!))
            .Select(j => DateTimeOffset.Parse(j.GetProperty("finish_date").GetString()!, CultureInfo.InvariantCulture))
            .ToList();
    }

    private static string Bytes(long bytes) => bytes >= 1024 * 1024 ? Number(bytes / MegaByte, "0.0") + " MiB" : Number(bytes) + " bytes";

    private async Task<IReadOnlyList<FigureResult>> MinuteLimitInFullAsync(bool smoke)
    {
        var limit = _settings.MinuteLimit;
        var requests = _settings.MinuteLimitedRequests;
        var results = new List<FigureResult>();
        foreach (var mode in new[] { "fixed", "sliding" })
        {
            async Task<(JsonObject Figures, TimeSpan FirstToLast, long Allowed, long Refused)> Run(int? rate)
            {
                var key = await _emulator.CreateAccountAsync();
                string projectId;
                using (var setup = ConnectedAngo(key, null))
                {
                    projectId = setup.RunScalar<string>("(New-AngoProject -Name 'Bench minute').ProjectId");
                }
                // Connect's check, the project read of the listing, and list pages: 'requests' in all.
                await _emulator.SetGeneratedTasksAsync(key, projectId, (requests - 2) * 100);
                await _emulator.SetLatencyAsync(key, _settings.RateLimitLatency);
                await _emulator.SetRateLimitAsync(key, limit, TimeSpan.FromMinutes(1), mode);
                await _emulator.ClearRequestsAsync(key);
                var env = Env(key, ("B_PROJECT", projectId));
                if (rate.HasValue) env["B_RATE"] = rate.Value.ToString(CultureInfo.InvariantCulture);
                var figures = await PwshProcess.RunAsync(CountListed, env);
                var (allowed, refused) = await _emulator.RateLimitCountsAsync(key);
                var log = (await _emulator.RequestsAsync(key)).OrderBy(r => r.ReceivedAt).ToList();
                return (figures, log[^1].ReceivedAt - log[0].ReceivedAt, allowed, refused);
            }

            _log.WriteLine($"{requests} requests under {limit} per 60 s ({mode} window), in fresh pwsh: -MaxRequestsPerMinute {limit}, then headers only");
            var limited = await Run(limit);
            var headers = smoke ? limited : await Run(null);
            var ratio = limited.FirstToLast / headers.FirstToLast;
            results.Add(new FigureResult(
                $"{requests} requests under {limit}/min, {mode} 60 s window, Connect-Ango -MaxRequestsPerMinute {limit} (fresh pwsh)",
                $"headers only (no -MaxRequestsPerMinute): first to last request {Seconds(headers.FirstToLast)}, {headers.Refused} × 429, {ProcessFigures(headers.Figures)}",
                $"first to last request {Seconds(limited.FirstToLast)}, {limited.Refused} × 429, {ProcessFigures(limited.Figures)}",
                Number(ratio, "0.00") + "× the headers-only run",
                "≤ 1.05× headers only, zero 429",
                ratio <= 1.05 && limited.Refused == 0,
                [
                    Check.Equal("no 429 with -MaxRequestsPerMinute", 0L, limited.Refused),
                    Check.Equal("every request answered", (long)requests, limited.Allowed),
                    Check.Equal("every task written", (long)(requests - 2) * 100, (long)D(limited.Figures, "written")),
                ],
                smoke ? "smoke: the headers-only run is skipped (baseline = the same run)" : null));
        }
        return results;
    }

    private async Task<FigureResult> CpuPerListedTaskAsync()
    {
        var n = _settings.CpuListTasks;
        var latency = _settings.CpuListLatency;
        _log.WriteLine($"CPU per listed task: {n:N0} tasks at {latency.TotalMilliseconds} ms per page, 8 pages in flight, fresh pwsh; net of a bare pwsh piping {n:N0} ready objects");
        var key = await _emulator.CreateAccountAsync();
        string projectId;
        using (var setup = ConnectedAngo(key, null))
        {
            projectId = setup.RunScalar<string>("(New-AngoProject -Name 'Bench cpu').ProjectId");
        }
        await _emulator.SetGeneratedTasksAsync(key, projectId, n);
        await _emulator.SetLatencyAsync(key, latency);
        var floor = await _emulator.ListingFloorAsync(key, projectId, (n + 99) / 100, 8);
        var listed = await PwshProcess.RunAsync(ListIntoEmptyForEach, Env(key, ("B_PROJECT", projectId)));
        var bare = await PwshProcess.RunAsync(BareReadyObjects, new Dictionary<string, string> { ["B_COUNT"] = n.ToString(CultureInfo.InvariantCulture) }, importModule: false);
        var counted = await PwshProcess.RunAsync(CountListed, Env(key, ("B_PROJECT", projectId)));
        // --baseline-module: the same listing with another build (the one before a change), in the same run.
        var before = _baselineModule is null ? null : await PwshProcess.RunAsync(ListIntoEmptyForEach, Env(key, ("B_PROJECT", projectId)), module: _baselineModule);
        var ideal = TimeSpan.FromTicks(latency.Ticks * ((n + 99) / 100) / 8);
        var elapsed = TimeSpan.FromMilliseconds(D(listed, "elapsedMs"));
        double NetMicros(JsonObject side) => (D(side, "workCpuMs") - D(bare, "workCpuMs")) * 1000 / n;
        string Listing(JsonObject side) =>
            $"{Seconds(TimeSpan.FromMilliseconds(D(side, "elapsedMs")))}, {Number(n / TimeSpan.FromMilliseconds(D(side, "elapsedMs")).TotalSeconds)} tasks/s; CPU while listing {Number(D(side, "workCpuMs"))} ms (JIT {Number(D(side, "workJitMs"))} ms) = {Number(D(side, "workCpuMs") * 1000 / n, "0.0")} µs/task, net of the bare pipe {Number(NetMicros(side), "0.0")} µs/task; {ProcessFigures(side)}";
        return new FigureResult(
            $"List {n:N0} tasks into ForEach-Object {{}} ({latency.TotalMilliseconds} ms latency, 8 pages in flight, fresh pwsh)",
            $"ideal = {(n + 99) / 100:N0} pages × {latency.TotalMilliseconds} ms ÷ 8 = {Seconds(ideal)}; the emulator's floor (8 bare HttpClient loops, nothing parsed) {Seconds(floor)} = {Number(floor / ideal, "0.00")}× ideal; bare pwsh piping {n:N0} ready objects: {Number(D(bare, "workCpuMs"))} ms CPU (JIT {Number(D(bare, "workJitMs"))} ms)"
                + (before is null ? string.Empty : $"; **before** ({_baselineModule}): {Listing(before)}"),
            (before is null ? string.Empty : "**after**: ") + Listing(listed),
            Number(elapsed / ideal, "0.00") + "× ideal (" + Number(elapsed / floor, "0.00") + "× the floor)" + (before is null ? string.Empty : $" (before {Number(D(before, "elapsedMs") / ideal.TotalMilliseconds, "0.00")}×); net CPU/task after ÷ before {Number(NetMicros(listed) / NetMicros(before), "0.00")}"),
            "≤ 1.1× ideal" + (before is null ? string.Empty : "; net CPU/task ≤ 0.5 × before"),
            elapsed / ideal <= 1.1 && (before is null || NetMicros(listed) <= 0.5 * NetMicros(before)),
            [Check.Equal("every task written", (long)n, (long)D(counted, "written"))]);
    }
}
