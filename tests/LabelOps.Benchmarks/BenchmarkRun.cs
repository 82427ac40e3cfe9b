using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using static LabelOps.Benchmarks.ResultTable;

namespace LabelOps.Benchmarks;

/// <summary>
/// Runs every scenario of issue 4's table against one emulator process and returns one line per figure. Each
/// figure is compared with a baseline measured in the same run (or with the configured limit / an ideal), so the
/// ratios mean something on any machine; absolute numbers are given for context.
/// </summary>
public sealed partial class BenchmarkRun
{
    private const double MegaByte = 1024 * 1024;

    private readonly BenchmarkSettings _settings;
    private readonly TextWriter _log;
    private readonly string? _baselineModule;
    private EmulatorProcess _emulator = null!;

    private BenchmarkRun(BenchmarkSettings settings, TextWriter log, string? baselineModule)
    {
        _settings = settings;
        _log = log;
        _baselineModule = baselineModule;
    }

    /// <param name="only">Scenario names to run (import, list, ratelimit, hitl, export, wait, waitbig, minute, cpu, slowupload); null for all.</param>
    /// <param name="baselineModule">
    /// Another build's LabelOps.psd1 (e.g. an older commit's out/LabelOps): scenarios that support it (slowupload)
    /// also run with it, in the same run, as their "before".
    /// </param>
    public static async Task<IReadOnlyList<FigureResult>> RunAsync(BenchmarkSettings settings, TextWriter log, ISet<string>? only = null, string? baselineModule = null)
    {
        var run = new BenchmarkRun(settings, log, baselineModule);
        // Import-Module first, while the module's assemblies are not loaded yet in this process (the cold figure).
        var results = new List<FigureResult>();
        if (Wanted(only, "import")) results.Add(run.ImportModule());
        await using (run._emulator = await EmulatorProcess.StartAsync(settings.WorkerDelay))
        {
            log.WriteLine("Emulator (own process) at " + run._emulator.BaseUri);
            if (Wanted(only, "list")) results.AddRange(await run.ListTasksAsync());
            if (Wanted(only, "ratelimit"))
            {
                results.Add(await run.UnderRateLimitAsync());
                results.Add(await run.UnderRateLimitWithHeadersOnlyAsync());
            }
            if (Wanted(only, "hitl")) results.AddRange(await run.CreateHitlJobsAsync());
            if (Wanted(only, "export")) results.Add(await run.ExportAsync());
            if (Wanted(only, "wait")) results.Add(await run.WaitForJobsAsync());
            // Issue 13: each side in a fresh real pwsh process, with its CPU and peak memory.
            var smoke = settings.Name == "smoke";
            if (Wanted(only, "waitbig")) results.AddRange(await run.WaitInBigProjectAsync(smoke));
            if (Wanted(only, "minute")) results.AddRange(await run.MinuteLimitInFullAsync(smoke));
            if (Wanted(only, "cpu")) results.Add(await run.CpuPerListedTaskAsync());
            if (Wanted(only, "slowupload")) results.Add(await run.SlowUploadAsync());
        }
        return results;
    }

    private static bool Wanted(ISet<string>? only, string name) => only is null || only.Contains(name);

    private FigureResult ImportModule()
    {
        _log.WriteLine("Import-Module: one cold import, then " + _settings.ImportRepeats + " warm ones, each in a new runspace");
        TimeSpan Import(out int cmdlets)
        {
            using var shell = new BenchmarkShell(importModule: false);
            shell.Set("manifest", BenchmarkShell.ModuleManifest);
            var watch = Stopwatch.StartNew();
            shell.Run("Import-Module $manifest");
            var elapsed = watch.Elapsed;
            cmdlets = shell.RunScalar<int>("(Get-Module LabelOps).ExportedCmdlets.Count");
            return elapsed;
        }
        var cold = Import(out var coldCmdlets);
        var warm = Enumerable.Range(0, _settings.ImportRepeats).Select(_ => Import(out _)).OrderBy(t => t).ToList();
        var median = warm[warm.Count / 2];
        return new FigureResult(
            "Import-Module (warm)",
            "—",
            "median " + Number(median.TotalMilliseconds) + " ms of " + warm.Count + " (cold, first in process: " + Number(cold.TotalMilliseconds) + " ms)",
            "—",
            "< 300 ms",
            median < TimeSpan.FromMilliseconds(300),
            [Check.That("the module's cmdlets are exported", coldCmdlets > 40, coldCmdlets + " cmdlets")]);
    }

    private async Task<IReadOnlyList<FigureResult>> ListTasksAsync()
    {
        var n = _settings.ListTasks;
        _log.WriteLine($"List {n:N0} tasks at {_settings.ListLatency.TotalMilliseconds} ms per response");
        var key = await _emulator.CreateAccountAsync();
        using var shell = ConnectedAngo(key, null);
        var projectId = shell.RunScalar<string>("(New-AngoProject -Name 'Bench list').ProjectId");
        await _emulator.SetGeneratedTasksAsync(key, projectId, n);
        await _emulator.SetLatencyAsync(key, _settings.ListLatency);
        shell.Set("p", projectId);
        shell.Run("Get-AngoTask -ProjectId $p -First 500 | ForEach-Object {}"); // warm-up: JIT and connections


        // Timed exactly as the issue says, into an empty ForEach-Object {}; an empty script block is far cheaper
        // than one that counts, so the count is taken in a separate, untimed run.
        async Task<(TimeSpan Elapsed, int Pages)> List(int pagesInFlight)
        {
            shell.Set("window", pagesInFlight);
            shell.Run("Connect-Ango -ApiKey $key -BaseUri $uri -PagesInFlight $window");
            await _emulator.ClearRequestsAsync(key);
            var watch = Stopwatch.StartNew();
            shell.Run("Get-AngoTask -ProjectId $p | ForEach-Object {}");
            var elapsed = watch.Elapsed;
            var pages = (await _emulator.RequestsAsync(key)).Count(r => r.Path.EndsWith("/tasks", StringComparison.Ordinal));
            return (elapsed, pages);
        }

        var streamed = await List(8);
        var sequential = await List(1);
        shell.Run("Connect-Ango -ApiKey $key -BaseUri $uri");
        // Generated tasks come in index order, so their external ids rise throughout a correct listing.
        var counted = shell.RunScalar<long>(
            "$n = 0; $previous = ''; $ordered = $true\n" +
            "Get-AngoTask -ProjectId $p | ForEach-Object { $n++; if ($_.ExternalId -le $previous) { $ordered = $false }; $previous = $_.ExternalId }\n" +
            "$n");
        var ordered = shell.RunScalar<bool>("$ordered");
        var speedup = sequential.Elapsed / streamed.Elapsed;
        var expectedPages = (n + 99) / 100;

        // What a script might do instead: one call per page. Each call also reads the project (for stage names),
        // so it costs two round trips a page; shown for context on a part of the list.
        var m = Math.Min(_settings.ScriptLoopTasks, n);
        shell.Set("m", m);
        var loopWatch = Stopwatch.StartNew();
        var looped = shell.RunScalar<long>("$k = 0; for ($s = 0; $s -lt $m; $s += 100) { Get-AngoTask -ProjectId $p -Skip $s -First 100 | ForEach-Object { $k++ } }; $k");
        var loopElapsed = loopWatch.Elapsed;
        var oneWatch = Stopwatch.StartNew();
        var once = shell.RunScalar<long>("$k = 0; Get-AngoTask -ProjectId $p -First $m | ForEach-Object { $k++ }; $k");
        var oneElapsed = oneWatch.Elapsed;
        var loopRow = new FigureResult(
            $"List {m:N0} tasks ({_settings.ListLatency.TotalMilliseconds} ms latency), for context",
            $"script loop of Get-AngoTask -Skip $n -First 100 | ForEach-Object {{ $k++ }}: {Seconds(loopElapsed)}, {Number(m / loopElapsed.TotalSeconds)} objects/s",
            $"one Get-AngoTask -First {m:N0} | ForEach-Object {{ $k++ }}: {Seconds(oneElapsed)}, {Number(m / oneElapsed.TotalSeconds)} objects/s",
            Number(loopElapsed / oneElapsed, "0.0") + "× faster",
            "—",
            null,
            [
                Check.Equal("every task written (script loop)", (long)m, looped),
                Check.Equal("every task written (one call)", (long)m, once),
            ]);

        var mainRow = new FigureResult(
            $"List {n:N0} tasks into ForEach-Object ({_settings.ListLatency.TotalMilliseconds} ms latency)",
            $"sequential page loop (same cmdlet, one page at a time, none ahead): {Seconds(sequential.Elapsed)}, {Number(n / sequential.Elapsed.TotalSeconds)} objects/s",
            $"8 pages in flight: {Seconds(streamed.Elapsed)}, {Number(n / streamed.Elapsed.TotalSeconds)} objects/s",
            Number(speedup, "0.0") + "× faster",
            "≥ 5× faster",
            speedup >= 5,
            [
                Check.Equal("every task written, 8 pages in flight", (long)n, counted),
                Check.That("tasks written in list order", ordered, ordered ? "in order" : "out of order"),
                Check.Equal("each page requested once (streamed)", expectedPages, streamed.Pages),
                Check.Equal("each page requested once (baseline)", expectedPages, sequential.Pages),
            ]);
        return [mainRow, loopRow];
    }

    private async Task<FigureResult> UnderRateLimitAsync()
    {
        var limit = _settings.RateLimit;
        var window = _settings.RateLimitWindow;
        var perMinute = (int)Math.Round(limit * 60 / window.TotalSeconds);
        var requests = _settings.RateLimitedRequests;
        _log.WriteLine($"{requests} requests under an emulator limit of {limit} per {window.TotalSeconds} s, Connect-Ango -MaxRequestsPerMinute {perMinute}");
        var key = await _emulator.CreateAccountAsync();
        string projectId;
        using (var setup = ConnectedAngo(key, null))
        {
            projectId = setup.RunScalar<string>("(New-AngoProject -Name 'Bench rate').ProjectId");
        }
        // Connect's check, the project read of the listing, and list pages: 'requests' in all.
        await _emulator.SetGeneratedTasksAsync(key, projectId, (requests - 2) * 100);
        await _emulator.SetLatencyAsync(key, _settings.RateLimitLatency);
        await _emulator.SetRateLimitAsync(key, limit, window);

        await _emulator.ClearRequestsAsync(key);
        using var shell = ConnectedAngo(key, perMinute);
        shell.Set("p", projectId);
        var count = shell.RunScalar<long>("$n = 0; Get-AngoTask -ProjectId $p | ForEach-Object { $n++ }; $n");
        var (allowed, rateLimited) = await _emulator.RateLimitCountsAsync(key);
        // The rate the service saw: requests after the first, over the time from the first to the last arrival.
        var log = (await _emulator.RequestsAsync(key)).OrderBy(r => r.ReceivedAt).ToList();
        var elapsed = log[^1].ReceivedAt - log[0].ReceivedAt;
        var achieved = (log.Count - 1) / elapsed.TotalMinutes;
        var share = achieved / perMinute;
        return new FigureResult(
            $"Bulk work (a {requests:N0}-request listing) under a {perMinute} req/min emulator limit ({limit} per {window.TotalSeconds:0} s window)",
            $"the configured limit: {perMinute} req/min",
            $"{allowed:N0} requests, first to last {Seconds(elapsed)} = {Number(achieved)} req/min; {rateLimited} × 429",
            Number(share * 100, "0.0") + "% of the limit",
            "≥ 95% of the limit, zero 429",
            share >= 0.95 && rateLimited == 0,
            [
                Check.Equal("no 429 from the emulator", 0L, rateLimited),
                Check.Equal("every request answered", (long)requests, allowed),
                Check.Equal("every task written", (long)(requests - 2) * 100, count),
            ]);
    }

    private async Task<FigureResult> UnderRateLimitWithHeadersOnlyAsync()
    {
        var limit = _settings.HeaderOnlyLimit;
        var window = _settings.HeaderOnlyWindow;
        var requests = _settings.HeaderOnlyRequests;
        _log.WriteLine($"{requests} requests under an emulator limit of {limit} per {window.TotalSeconds} s, no client limit (headers only)");
        var key = await _emulator.CreateAccountAsync();
        string projectId;
        using (var setup = ConnectedAngo(key, null))
        {
            projectId = setup.RunScalar<string>("(New-AngoProject -Name 'Bench headers').ProjectId");
        }
        await _emulator.SetGeneratedTasksAsync(key, projectId, (requests - 2) * 100);
        await _emulator.SetLatencyAsync(key, _settings.RateLimitLatency);
        await _emulator.SetRateLimitAsync(key, limit, window);

        var watch = Stopwatch.StartNew();
        using var shell = ConnectedAngo(key, null);
        shell.Set("p", projectId);
        var count = shell.RunScalar<long>("$n = 0; Get-AngoTask -ProjectId $p | ForEach-Object { $n++ }; $n");
        var elapsed = watch.Elapsed;
        var (allowed, rateLimited) = await _emulator.RateLimitCountsAsync(key);
        // With fixed windows the best possible is the limit per window, less the time to use it up; the windows
        // needed after the first are the floor on the time.
        var windowsAfterFirst = (requests - 1) / limit;
        var floor = TimeSpan.FromTicks(window.Ticks * windowsAfterFirst);
        return new FigureResult(
            $"Same, without -MaxRequestsPerMinute: the session goes by X-RateLimit-Remaining/Reset alone ({limit} per {window.TotalSeconds:0} s)",
            $"fewest windows the work needs: {windowsAfterFirst + 1} (≥ {Seconds(floor)})",
            $"{allowed:N0} requests in {Seconds(elapsed)}; {rateLimited} × 429",
            Number(elapsed / floor, "0.00") + "× the floor",
            "zero 429",
            rateLimited == 0,
            [
                Check.Equal("no 429 from the emulator", 0L, rateLimited),
                Check.Equal("every request answered", (long)requests, allowed),
                Check.Equal("every task written", (long)(requests - 2) * 100, count),
            ],
            "headers round Reset up to whole seconds, so each window costs up to a second more than its length");
    }

    private async Task<IReadOnlyList<FigureResult>> CreateHitlJobsAsync()
    {
        var n = _settings.HitlJobs;
        var latency = _settings.HitlLatency;
        var key = await _emulator.CreateAccountAsync();
        var projectId = await _emulator.CreateHitlProjectAsync(key);
        await _emulator.SetLatencyAsync(key, latency);
        using var shell = ConnectedHitl(key);
        shell.Set("p", projectId);
        var results = new List<FigureResult>();
        var round = 0;
        foreach (var limit in _settings.ThrottleLimits)
        {
            round++;
            _log.WriteLine($"Create {n:N0} HITL jobs at {latency.TotalMilliseconds} ms latency, -ThrottleLimit {limit}");
            shell.Set("count", n);
            shell.Set("round", round);
            shell.Set("limit", limit);
            shell.Run("$rows = foreach ($i in 1..$count) { [pscustomobject]@{ FileUrl = \"https://files.example.test/bench-$round-$i.png\" } }");
            await _emulator.ClearRequestsAsync(key);
            var watch = Stopwatch.StartNew();
            shell.Run("$jobs = $rows | New-HitlJob -ProjectId $p -ThrottleLimit $limit");
            var elapsed = watch.Elapsed;
            var written = shell.RunScalar<int>("$jobs.Count");
            var inOrder = shell.RunScalar<bool>("$ok = $true; for ($i = 0; $i -lt $jobs.Count; $i++) { if ($jobs[$i].FileUrl[0] -ne \"https://files.example.test/bench-$round-$($i + 1).png\") { $ok = $false } }; $ok");
            var posts = (await _emulator.RequestsAsync(key)).Count(r => r.Method == "POST" && r.Path == "/v1/jobs");
            var ideal = TimeSpan.FromTicks(latency.Ticks * n / limit);
            var ratio = elapsed / ideal;
            results.Add(new FigureResult(
                $"Create {n:N0} HITL jobs, {latency.TotalMilliseconds} ms latency, -ThrottleLimit {limit}",
                $"ideal = {n:N0} × {latency.TotalMilliseconds} ms ÷ {limit} = {Seconds(ideal)}",
                $"{Seconds(elapsed)}, {Number(n / elapsed.TotalSeconds)} jobs/s",
                Number(ratio, "0.00") + "× ideal",
                "≤ 1.2 × ideal",
                ratio <= 1.2,
                [
                    Check.Equal("a job written per row", n, written),
                    Check.That("jobs written in input order", inOrder, inOrder ? "in order" : "out of order"),
                    Check.Equal("one create sent per row (none twice)", n, posts),
                ]));
        }
        return results;
    }

    private async Task<FigureResult> ExportAsync()
    {
        var n = _settings.ExportRecords;
        _log.WriteLine($"Export {n:N0} generated records (about 1 KB each)");
        var key = await _emulator.CreateAccountAsync();
        using var shell = ConnectedAngo(key, null);
        var projectId = shell.RunScalar<string>("(New-AngoProject -Name 'Bench export').ProjectId");
        await _emulator.SetGeneratedExportRecordsAsync(key, projectId, n);
        shell.Set("p", projectId);

        // Once to a file, only to learn the archive's sizes (the streamed run does not keep the archive).
        var file = Path.Combine(Path.GetTempPath(), "labelops-bench-" + Guid.NewGuid().ToString("N") + ".zip");
        long archiveBytes, jsonBytes;
        try
        {
            shell.Set("file", file);
            shell.Run("Export-AngoAnnotation -ProjectId $p -Path $file | Out-Null");
            archiveBytes = new FileInfo(file).Length;
            using var zip = ZipFile.OpenRead(file);
            jsonBytes = zip.Entries.Sum(e => e.Length);
        }
        finally
        {
            File.Delete(file);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                try { await Task.Delay(50, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        var count = shell.RunScalar<long>("$n = 0; Export-AngoAnnotation -ProjectId $p | ForEach-Object { $n++ }; $n");
        var elapsed = watch.Elapsed;
        stop.Cancel();
        await sampler;
        var growth = (peak - baseline) / MegaByte;
        return new FigureResult(
            $"Export {n:N0} generated records ({Number(jsonBytes / MegaByte / 1024, "0.00")} GB of JSON, a {Number(archiveBytes / MegaByte)} MB archive), streamed",
            $"the JSON's size: {Number(jsonBytes / MegaByte)} MB; working set before: {Number(baseline / MegaByte)} MB",
            $"peak working-set growth {Number(growth)} MB; {Seconds(elapsed)}, {Number(count / elapsed.TotalSeconds)} records/s",
            Number(growth / (jsonBytes / MegaByte) * 100, "0.0") + "% of the JSON",
            "peak growth < 100 MB",
            growth < 100,
            [Check.Equal("every record written", (long)n, count)],
            "the emulator runs in its own process, so its memory (it buffers each answer) is not counted");
    }

    private async Task<FigureResult> WaitForJobsAsync()
    {
        var n = _settings.WaitJobs;
        _log.WriteLine($"Wait-HitlJob on {n} jobs of one project, -PollInterval {_settings.PollInterval.TotalSeconds} s");
        var key = await _emulator.CreateAccountAsync(simulateWorkers: true);
        var projectId = await _emulator.CreateHitlProjectAsync(key);
        using var shell = ConnectedHitl(key);
        shell.Set("p", projectId);
        shell.Set("count", n);
        shell.Set("poll", _settings.PollInterval.TotalSeconds);
        shell.Run("$jobs = 1..$count | ForEach-Object { [pscustomobject]@{ FileUrl = \"https://files.example.test/wait-$_.png\" } } | New-HitlJob -ProjectId $p -ThrottleLimit 16");
        await _emulator.ClearRequestsAsync(key);
        var watch = Stopwatch.StartNew();
        var done = shell.RunScalar<int>("@($jobs | Wait-HitlJob -PollInterval $poll -Timeout 600).Count");
        var elapsed = watch.Elapsed;
        var requests = (await _emulator.RequestsAsync(key)).OrderBy(r => r.ReceivedAt).ToList();
        // A poll is a burst of requests; polls are PollInterval apart, so a gap of half of it separates two.
        var polls = requests.Count == 0 ? 0 : 1 + requests.Zip(requests.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).Count(gap => gap > _settings.PollInterval / 2);
        var perPoll = polls == 0 ? 0 : (double)requests.Count / polls;
        var lists = requests.Count(r => r.Method == "GET" && r.Path == "/v1/jobs/" + projectId);
        return new FigureResult(
            $"Wait-HitlJob on {n} jobs of one project",
            $"{n} jobs (one request per job per poll would be {n})",
            $"{requests.Count} requests in {polls} polls over {Seconds(elapsed)}",
            Number(perPoll, "0.##") + " request(s) per poll",
            "exactly 1",
            polls > 0 && requests.Count == polls,
            [
                Check.Equal("every job written when finished", n, done),
                Check.Equal("every request lists the project's jobs", requests.Count, lists),
                Check.Equal("one request per poll", polls, requests.Count),
            ]);
    }

    private BenchmarkShell ConnectedAngo(string key, int? maxRequestsPerMinute)
    {
        var shell = new BenchmarkShell();
        shell.Set("key", Secure(key));
        shell.Set("uri", new Uri(_emulator.BaseUri, "v2/"));
        shell.Set("rate", maxRequestsPerMinute);
        shell.Run(maxRequestsPerMinute.HasValue
            ? "Connect-Ango -ApiKey $key -BaseUri $uri -MaxRequestsPerMinute $rate"
            : "Connect-Ango -ApiKey $key -BaseUri $uri");
        return shell;
    }

    private BenchmarkShell ConnectedHitl(string key)
    {
        var shell = new BenchmarkShell();
        shell.Set("key", Secure(key));
        shell.Set("uri", _emulator.BaseUri);
        shell.Run("Connect-Hitl -ApiKey $key -BaseUri $uri");
        return shell;
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
