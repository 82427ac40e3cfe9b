using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using static LabelOps.Benchmarks.ResultTable;

namespace LabelOps.Benchmarks;

/// <summary>
/// Issue 12's slow upload: Add-AngoAsset of small local files, -ThrottleLimit 4, where one upload is slow (the
/// emulator holds one getUploadUrl answer, a <c>delayMs</c> fault). Against the ideal of the same files with no slow
/// one, and, when a baseline module is given, against that module in the same run (the rule before issue 12: a
/// slot freed only when the oldest call ended). Each side in a fresh real pwsh.
/// </summary>
public sealed partial class BenchmarkRun
{
    private const string UploadFiles = ConnectAngo + """
        Get-AngoProject -ProjectId $env:B_PROJECT | Out-Null
        $names = @((Get-ChildItem -LiteralPath $env:B_DIR -File | Sort-Object Name).Name)
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $results = @(Add-AngoAsset -ProjectId $env:B_PROJECT -Path (Join-Path $env:B_DIR '*.png') -ThrottleLimit ([int]$env:B_LIMIT))
        $elapsed = $watch.Elapsed
        $ids = @($results | ForEach-Object { $_.Assets } | ForEach-Object { $_.ExternalId })
        $inOrder = ($ids -join '|') -ceq ($names -join '|')
        Send-BenchResult @{ elapsedMs = $elapsed.TotalMilliseconds; written = ($results | Measure-Object -Property AssetsCreated -Sum).Sum; inOrder = $inOrder }
        """;

    private sealed record UploadSide(TimeSpan Elapsed, long Written, bool InOrder, int UploadUrls, int Delayed, JsonObject Figures);

    private async Task<FigureResult> SlowUploadAsync()
    {
        var n = _settings.SlowUploadFiles;
        var limit = _settings.SlowUploadThrottleLimit;
        var delay = _settings.SlowUploadDelay;
        var latency = _settings.SlowUploadLatency;
        _log.WriteLine($"Add-AngoAsset of {n} small files, -ThrottleLimit {limit}, {latency.TotalMilliseconds} ms latency, one upload held {delay.TotalSeconds} s; fresh pwsh each"
            + (_baselineModule is null ? string.Empty : "; baseline module " + _baselineModule));
        var directory = Directory.CreateTempSubdirectory("labelops-bench-upload-");
        try
        {
            for (var i = 1; i <= n; i++)
            {
                File.WriteAllBytes(Path.Combine(directory.FullName, $"file-{i:D3}.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, (byte)i]);
            }
            var key = await _emulator.CreateAccountAsync();
            await _emulator.SetLatencyAsync(key, latency);

            async Task<UploadSide> Side(bool slow, string? module)
            {
                string projectId;
                using (var setup = ConnectedAngo(key, null))
                {
                    projectId = setup.RunScalar<string>("(New-AngoProject -Name 'Bench slow upload').ProjectId");
                }
                await _emulator.ClearRequestsAsync(key);
                // The first getUploadUrl to arrive (one of the first ThrottleLimit files) is held; the others answer at once.
                if (slow) await _emulator.AddFaultAsync(key, "GET", "/v2/getUploadUrl", new JsonObject { ["delayMs"] = (int)delay.TotalMilliseconds });
                var figures = await PwshProcess.RunAsync(UploadFiles, Env(key,
                    ("B_PROJECT", projectId), ("B_DIR", directory.FullName), ("B_LIMIT", limit.ToString(CultureInfo.InvariantCulture))), module: module);
                var log = await _emulator.RequestsAsync(key);
                var urls = log.Where(r => r.Path == "/v2/getUploadUrl").ToList();
                return new UploadSide(
                    TimeSpan.FromMilliseconds(D(figures, "elapsedMs")),
                    (long)D(figures, "written"),
                    (bool)figures["inOrder"]!,
                    urls.Count,
                    urls.Count(r => r.FaultApplied is not null),
                    figures);
            }

            var ideal = await Side(slow: false, module: null);
            var after = await Side(slow: true, module: null);
            var before = _baselineModule is null ? null : await Side(slow: true, module: _baselineModule);
            string Describe(string name, UploadSide s) => $"{name}: {Seconds(s.Elapsed)} = {Number(s.Elapsed / ideal.Elapsed, "0.00")}× ideal";
            var checks = new List<Check>
            {
                Check.Equal("every file registered (ideal run)", (long)n, ideal.Written),
                Check.Equal("every file registered (one slow)", (long)n, after.Written),
                Check.That("results in input order (one slow)", after.InOrder, after.InOrder ? "in order" : "out of order"),
                Check.Equal("one upload URL asked per file, none twice (one slow)", n, after.UploadUrls),
                Check.Equal("exactly one upload held (one slow)", 1, after.Delayed),
                Check.Equal("no upload held (ideal run)", 0, ideal.Delayed),
            };
            if (before is not null)
            {
                checks.Add(Check.Equal("every file registered (baseline module)", (long)n, before.Written));
                checks.Add(Check.Equal("exactly one upload held (baseline module)", 1, before.Delayed));
            }
            // With nothing slow the run takes about n / limit round trips; a held upload can add no less than its
            // delay less the time the others fill, and the window's bound (OrderedWindow.QueuedPerSlot finished per slot) decides the rest.
            return new FigureResult(
                $"Add-AngoAsset of {n} small files, -ThrottleLimit {limit}, {latency.TotalMilliseconds} ms latency, one upload held {delay.TotalSeconds:0.#} s (fresh pwsh each)",
                $"ideal (same files, none held): {Seconds(ideal.Elapsed)}" + (before is null ? string.Empty : "; " + Describe("before (" + _baselineModule + ")", before)),
                Describe("after", after) + $", {ProcessFigures(after.Figures)}",
                Number(after.Elapsed / ideal.Elapsed, "0.00") + "× ideal" + (before is null ? string.Empty : $"; before {Number(before.Elapsed / ideal.Elapsed, "0.00")}× ideal, after/before {Number(after.Elapsed / before.Elapsed, "0.00")}"),
                "—",
                null,
                checks,
                $"the held upload's delay alone is {Number(delay / ideal.Elapsed, "0.00")}× the ideal");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
