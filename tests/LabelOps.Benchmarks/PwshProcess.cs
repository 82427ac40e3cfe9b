using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace LabelOps.Benchmarks;

/// <summary>
/// Runs one scenario script in a fresh real pwsh 7.6.10 (`dotnet tool run pwsh`, the repository's tool manifest),
/// as a user runs it, and reads what the script measured of itself: the timed part's wall time, and the pwsh
/// process's whole CPU time and peak working set (taken inside pwsh, so the `dotnet tool run` launcher is not
/// counted). The emulator runs in its own process, so none of it is counted either.
/// </summary>
public static class PwshProcess
{
    private const string Marker = "BENCH-RESULT:";

    public static string RepoRoot { get; } =
        typeof(PwshProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>
    /// Prepended to every script: imports the module when asked, and defines Send-BenchResult, which the script
    /// calls once with a hashtable of its figures; the process's CPU and peak memory are added to it.
    /// </summary>
    private const string Prologue = """
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        function Send-BenchResult([hashtable] $Figures) {
            $self = [System.Diagnostics.Process]::GetCurrentProcess()
            $self.Refresh()
            $Figures['cpuMs'] = $self.TotalProcessorTime.TotalMilliseconds
            $Figures['peakWorkingSetMB'] = $self.PeakWorkingSet64 / 1MB
            '{0}{1}' -f 'BENCH-RESULT:', ($Figures | ConvertTo-Json -Compress -Depth 4)
        }
        if ($env:LABELOPS_BENCH_MODULE) { Import-Module $env:LABELOPS_BENCH_MODULE }

        """;

    /// <summary>Runs the script with the given environment variables; returns the figures it sent (plus cpuMs and peakWorkingSetMB).</summary>
    /// <param name="module">The LabelOps.psd1 to import instead of this build's (a baseline build, --baseline-module).</param>
    public static async Task<JsonObject> RunAsync(string script, IReadOnlyDictionary<string, string> environment, bool importModule = true, string? module = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The script goes in a file (keys come in environment variables, never on a command line).
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "labelops-bench-" + Guid.NewGuid().ToString("N") + ".ps1");
        await System.IO.File.WriteAllTextAsync(file, Prologue + script);
        try
        {
            return await RunFileAsync(start, file, environment, importModule ? module ?? BenchmarkShell.ModuleManifest : null, script);
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    private static async Task<JsonObject> RunFileAsync(ProcessStartInfo start, string file, IReadOnlyDictionary<string, string> environment, string? module, string script)
    {
        foreach (var arg in new[] { "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-File", file })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }
        start.Environment["LABELOPS_BENCH_MODULE"] = module ?? string.Empty;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start pwsh through dotnet tool run.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        var line = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException("pwsh ended with " + process.ExitCode + " and no result.\n" + text + "\n" + await errors + "\n" + script);
        }
        return (JsonObject)JsonNode.Parse(line[Marker.Length..])!;
    }
}
