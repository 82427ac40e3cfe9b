using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Emulator;

namespace LabelOps.Demo
{
    /// <summary>
    /// `dotnet run --project src/LabelOps.Demo [-- samples/other.ps1]`: starts the embedded emulator with its demo
    /// account (an active HITL project whose jobs get done, an Ango project whose tasks move through the workflow),
    /// points the samples at it through environment variables (the same ones a real run would set), and runs the
    /// HITL and then the Ango walk-through in a hosted PowerShell engine with the built module imported, printing
    /// everything through Out-Default so the module's format files shape the tables. Ends with what was done.
    /// </summary>
    internal static class Program
    {
        private static readonly string[] DefaultSamples = { "samples/hitl-quickstart.ps1", "samples/ango-quickstart.ps1" };
        private static readonly string[] DefaultTitles = { "Part 1 of 2: Humans in the Loop (API v1)", "Part 2 of 2: Ango Hub (API v2)" };

        // Long enough to watch jobs go new -> progress -> done, short enough for the whole demo to take seconds.
        private static readonly TimeSpan WorkerDelay = TimeSpan.FromMilliseconds(300);

        public static async Task<int> Main(string[] args)
        {
            var host = new DemoHost();
            var ui = host.DemoUI;
            if (args.Length > 1 || (args.Length == 1 && args[0] is "-h" or "--help" or "/?"))
            {
                ui.WriteLine("Usage: dotnet run --project src/LabelOps.Demo [-- <script.ps1>]   (default: " + string.Join(" then ", DefaultSamples) + ")");
                return args.Length > 1 ? 1 : 0;
            }

            string root;
            try
            {
                root = RepositoryRoot.Find();
            }
            catch (InvalidOperationException notFound)
            {
                ui.WriteErrorLine(notFound.Message);
                return 1;
            }
            var samples = args.Length == 1 ? new[] { RepositoryRoot.Resolve(root, args[0]) } : DefaultSamples.Select(s => RepositoryRoot.Resolve(root, s)).ToArray();
            var titles = args.Length == 1 ? new[] { "Running " + args[0] } : DefaultTitles;
            var manifest = Path.Combine(root, "out", "LabelOps", "LabelOps.psd1");
            foreach (var sample in samples.Where(s => !File.Exists(s)))
            {
                ui.WriteErrorLine("No script at " + sample + ".");
                return 1;
            }
            if (!File.Exists(manifest))
            {
                ui.WriteErrorLine("The module is not built (" + manifest + " is missing): run `dotnet build src/LabelOps` first.");
                return 1;
            }

            await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { SimulatedWorkerDelay = WorkerDelay });
            var demo = DemoAccount.Create(emulator);
            var account = demo.Account;
            Environment.SetEnvironmentVariable("HITL_API_KEY", account.ApiKey);
            Environment.SetEnvironmentVariable("HITL_BASE_URI", emulator.BaseUri.AbsoluteUri);
            Environment.SetEnvironmentVariable("HITL_DEMO_PROJECT_ID", demo.HitlProjectId);
            Environment.SetEnvironmentVariable("ANGO_API_KEY", account.ApiKey);
            Environment.SetEnvironmentVariable("ANGO_BASE_URI", emulator.BaseUri.AbsoluteUri + "v2/");
            Environment.SetEnvironmentVariable("ANGO_DEMO_PROJECT_ID", demo.AngoProjectId);
            ui.WriteNote("LabelOps tour: both services played by the emulator at " + emulator.BaseUri + " (one demo account, simulated workers).");
            ui.WriteNote("  HITL project '" + DemoAccount.HitlProjectName + "' (" + demo.HitlProjectId + "), Ango project '" + AngoStore.DemoProjectName + "' (" + demo.AngoProjectId + ").");
            ui.WriteNote("  Scripts run in the PowerShell engine the tests host (no pwsh needed); the same files run with pwsh against `dotnet run --project src/LabelOps.Emulator`.");

            var exitCode = 0;
            for (var i = 0; i < samples.Length && exitCode == 0; i++)
            {
                var shown = samples[i].StartsWith(root, StringComparison.Ordinal) ? Path.GetRelativePath(root, samples[i]) : samples[i];
                ui.WriteLine(string.Empty);
                ui.WriteNote(new string('#', 78));
                ui.WriteNote("# " + titles[i] + "  (" + shown + ")");
                ui.WriteNote(new string('#', 78));
                try
                {
                    exitCode = RunScript(host, manifest, samples[i]);
                }
                catch (Exception failure) when (failure is RuntimeException or InvalidOperationException)
                {
                    // The runspace could not open, e.g. the module failed to import.
                    ui.WriteErrorLine(failure.Message);
                    exitCode = 1;
                }
            }

            ui.WriteLine(string.Empty);
            ui.WriteNote(new string('#', 78));
            ui.WriteNote(exitCode == 0 ? "# Summary" : "# Summary (a script failed, see above)");
            ui.WriteNote(new string('#', 78));
            var jobs = account.Hitl.GetJobs(demo.HitlProjectId);
            ui.WriteNote("  HITL: " + jobs.Count + " job(s) submitted, " + jobs.Count(j => j.Status == "done") + " done, " + jobs.Count(j => j.Status == "canceled") + " canceled.");
            var tasks = account.Ango.GetTasks(demo.AngoProjectId);
            ui.WriteNote("  Ango: " + tasks.Count + " task(s) in the project, " + tasks.Count(t => (string?)t["status"] == "Completed") + " completed; "
                + account.Ango.GetAssets(demo.AngoProjectId).Count + " asset(s).");
            var requests = account.Requests;
            ui.WriteNote("  " + requests.Count + " API request(s) sent by the module: " + requests.Count(r => string.Equals(r.Service, "hitl", StringComparison.OrdinalIgnoreCase)) + " to HITL, "
                + requests.Count(r => string.Equals(r.Service, "ango", StringComparison.OrdinalIgnoreCase)) + " to Ango.");
            ui.WriteNote("  Next: `Get-Help about_LabelOps_Emulator`, or start the emulator and try the Connect-* lines it prints.");
            return exitCode;
        }

        /// <summary>Runs the script file to the end; 1 after a terminating error or Ctrl+C, else its `exit` code or 0.</summary>
        private static int RunScript(DemoHost host, string manifest, string scriptPath)
        {
            var state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                // A hosted engine on Windows otherwise falls back to the Restricted policy, which refuses every .ps1
                // file. (Elsewhere there are no policies, and setting one throws.)
                state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            }
            state.ImportPSModule(new[] { manifest });
            state.ThrowOnRunspaceOpenError = true;
            using var runspace = RunspaceFactory.CreateRunspace(host, state);
            runspace.Open();
            // Plain text, as the host writes it (see DemoHostUserInterface); scripts can read this setting.
            PSStyle.Instance.OutputRendering = OutputRendering.PlainText;

            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            // Run the file as a script (not its text) so that $PSScriptRoot and error positions point at the file, as
            // with `pwsh samples/x.ps1`. Like pwsh's own console, merge errors into the output and end with Out-Default:
            // objects render through the format files, errors in place between them; warnings and verbose lines go
            // straight to the host.
            shell.AddCommand(scriptPath).AddCommand("Out-Default");
            shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);

            var stopping = 0;
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // The first Ctrl+C stops the pipeline (cmdlets get StopProcessing); a second one ends the process.
                if (Interlocked.Exchange(ref stopping, 1) == 0)
                {
                    e.Cancel = true;
                    host.DemoUI.WriteWarningLine("Stopping the script (Ctrl+C again to quit at once)...");
                    shell.BeginStop(null, null);
                }
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                shell.Invoke();
            }
            catch (PipelineStoppedException)
            {
            }
            catch (RuntimeException terminating)
            {
                Show(host, runspace, terminating.ErrorRecord);
                return 1;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }

            if (shell.InvocationStateInfo.State == PSInvocationState.Stopped)
            {
                host.DemoUI.WriteErrorLine("The script was stopped.");
                return 1;
            }
            // Errors that were not merged (Out-Default's own) would otherwise be lost.
            foreach (var error in shell.Streams.Error)
            {
                Show(host, runspace, error);
            }
            return runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int exitCode ? exitCode : 0;
        }

        /// <summary>
        /// Renders an error as pwsh's console does, through Out-Default and the engine's error view (with the script
        /// line). Out-Default prints a piped ErrorRecord like output, so the host is told to show it as error lines.
        /// </summary>
        private static void Show(DemoHost host, Runspace runspace, ErrorRecord error)
        {
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            host.DemoUI.WriteAsErrors(() => shell.AddCommand("Out-Default").Invoke(new object[] { error }));
        }
    }
}
