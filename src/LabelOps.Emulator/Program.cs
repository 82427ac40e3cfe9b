using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace LabelOps.Emulator;

/// <summary>The standalone emulator: one demo account (see <see cref="DemoAccount"/>) whose HITL jobs and Ango tasks get done by simulated workers.</summary>
internal static class Program
{
    private const string Usage =
        "Usage: LabelOps.Emulator [--urls http://127.0.0.1:5080] [--api-key KEY] [--worker-delay SECONDS] [--latency MILLISECONDS] [--rate-limit REQUESTS_PER_MINUTE] [--rate-limit-scope ango|hitl|all]";

    public static async Task<int> Main(string[] args)
    {
        var options = new EmulatorOptions { Urls = DemoAccount.DefaultUrl, SimulatedWorkerDelay = TimeSpan.FromSeconds(2) };
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

        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(options);
        }
        catch (Exception failure) when (failure is System.IO.IOException or ArgumentException)
        {
            // A busy port (Kestrel's IOException wraps AddressInUseException) or a bad --urls: one line, no stack.
            var reason = failure is System.IO.IOException ? failure.Message.TrimEnd('.', ' ') : $"cannot listen on {options.Urls}: {failure.Message.TrimEnd('.', ' ')}";
            Console.Error.WriteLine($"LabelOps emulator: {reason}. Is another emulator running? Pick another port with --urls http://127.0.0.1:PORT.");
            return 1;
        }

        await using var _ = server;
        var demo = DemoAccount.Create(server, apiKey);
        var root = server.BaseUri.AbsoluteUri.TrimEnd('/');
        var key = demo.Account.ApiKey;

        Console.WriteLine($"LabelOps emulator (Humans in the Loop API v1 and Ango Hub API v2) listening on {server.BaseUri}");
        Console.WriteLine($"Demo API key (the same for both services): {key}");
        Console.WriteLine($"  HITL project '{DemoAccount.HitlProjectName}': {demo.HitlProjectId} - jobs move new -> progress -> done every {options.SimulatedWorkerDelay!.Value.TotalSeconds:0.###} s.");
        Console.WriteLine($"  Ango project '{AngoStore.DemoProjectName}': {demo.AngoProjectId} - {AngoStore.DemoTaskCount} tasks; labelers take tasks and move them Label -> Review -> Complete every {options.SimulatedWorkerDelay!.Value.TotalSeconds:0.###} s.");
        Console.WriteLine("Connect from PowerShell with:");
        Console.WriteLine($"  Connect-Hitl -BaseUri {root} -ApiKey (ConvertTo-SecureString '{key}' -AsPlainText -Force)");
        Console.WriteLine($"  Connect-Ango -BaseUri {root}/v2/ -ApiKey (ConvertTo-SecureString '{key}' -AsPlainText -Force)");
        Console.WriteLine("Or try the samples: pwsh samples/hitl-quickstart.ps1; pwsh samples/ango-quickstart.ps1");
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
