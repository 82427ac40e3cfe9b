using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace LabelOps.Emulator;

/// <summary>The standalone emulator: one demo account whose jobs get done by simulated workers.</summary>
internal static class Program
{
    private const string Usage =
        "Usage: LabelOps.Emulator [--urls http://127.0.0.1:5080] [--api-key KEY] [--worker-delay SECONDS] [--latency MILLISECONDS] [--rate-limit REQUESTS_PER_MINUTE] [--rate-limit-scope ango|hitl|all]";

    public static async Task<int> Main(string[] args)
    {
        var options = new EmulatorOptions { Urls = "http://127.0.0.1:5080", SimulatedWorkerDelay = TimeSpan.FromSeconds(2) };
        string? apiKey = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--urls" when value is not null:
                    options.Urls = value;
                    i++;
                    break;
                case "--api-key" when value is not null:
                    apiKey = value;
                    i++;
                    break;
                case "--worker-delay" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds):
                    options.SimulatedWorkerDelay = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case "--latency" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms >= 0:
                    options.Latency = TimeSpan.FromMilliseconds(ms);
                    i++;
                    break;
                case "--rate-limit" when int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var perMinute) && perMinute > 0:
                    options.RateLimitPerMinute = perMinute;
                    i++;
                    break;
                case "--rate-limit-scope" when Enum.TryParse<RateLimitScope>(value, ignoreCase: true, out var scope):
                    options.RateLimitScope = scope;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return args[i] is "--help" or "-h" ? 0 : 2;
            }
        }

        await using var server = await EmulatorServer.StartAsync(options);
        var account = server.CreateAccount(apiKey, simulateWorkers: true);
        var projectId = account.Hitl.AddProject("Demo", "active");
        var root = server.BaseUri.AbsoluteUri.TrimEnd('/');

        Console.WriteLine($"LabelOps emulator listening on {server.BaseUri}");
        Console.WriteLine($"Demo API key: {account.ApiKey}");
        Console.WriteLine($"Demo HITL project: {projectId}");
        Console.WriteLine($"Jobs move new -> progress -> done every {options.SimulatedWorkerDelay!.Value.TotalSeconds:0.###} s.");
        Console.WriteLine("Connect from PowerShell with:");
        Console.WriteLine($"  Connect-Hitl -BaseUri {root} -ApiKey (ConvertTo-SecureString '{account.ApiKey}' -AsPlainText -Force)");
        Console.WriteLine("Press Ctrl+C to stop.");

        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        await stop.Task;
        Console.WriteLine("Stopping.");
        return 0;
    }
}
