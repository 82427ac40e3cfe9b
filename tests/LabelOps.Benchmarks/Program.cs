using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace LabelOps.Benchmarks;

internal static class Program
{
    private const string Usage =
        "Usage: dotnet run -c Release --project tests/LabelOps.Benchmarks [-- [--smoke] [--only import,list,ratelimit,hitl,export,wait,waitbig,minute,cpu,slowupload] [--list-tasks N] [--list-latency-ms MS] [--baseline-module PATH/LabelOps.psd1]]";

    public static async Task<int> Main(string[] args)
    {
        var settings = BenchmarkSettings.Full;
        HashSet<string>? only = null;
        string? baselineModule = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    settings = BenchmarkSettings.Smoke;
                    break;
                case "--list-tasks" when i + 1 < args.Length:
                    settings = settings with { ListTasks = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) };
                    break;
                case "--list-latency-ms" when i + 1 < args.Length:
                    settings = settings with { ListLatency = TimeSpan.FromMilliseconds(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture)) };
                    break;
                case "--baseline-module" when i + 1 < args.Length:
                    baselineModule = System.IO.Path.GetFullPath(args[++i]);
                    if (!System.IO.File.Exists(baselineModule))
                    {
                        Console.Error.WriteLine("No module manifest at " + baselineModule);
                        return 2;
                    }
                    break;
                case "--only" when i + 1 < args.Length:
                    only = new HashSet<string>(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return args[i] is "--help" or "-h" ? 0 : 2;
            }
        }

        Console.WriteLine($"LabelOps benchmark ({settings.Name} sizes) on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        var watch = Stopwatch.StartNew();
        var results = await BenchmarkRun.RunAsync(settings, Console.Out, only, baselineModule);
        Console.WriteLine();
        ResultTable.Write(Console.Out, results);
        Console.WriteLine();
        Console.WriteLine($"{results.Count} figures in {ResultTable.Seconds(watch.Elapsed)}; targets met: {results.Count(r => r.TargetMet == true)} of {results.Count(r => r.TargetMet.HasValue)}; correct: {results.Count(r => r.Correct)} of {results.Count}");
        // Timing misses are reported in the table; only a wrong result (a correctness check) fails the run.
        return results.All(r => r.Correct) ? 0 : 1;
    }
}
