using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Emulator;

namespace LabelOps.Demo
{
    /// <summary>
    /// `dotnet run --project src/LabelOps.Demo [-- samples/other.ps1]`: starts the embedded emulator with one active
    /// HITL project whose jobs get done by simulated workers, points the sample at it through environment variables
    /// (the same ones a real run would set), and runs the sample in a hosted PowerShell engine with the built module
    /// imported, printing everything through Out-Default so the module's format files shape the tables.
    /// </summary>
    internal static class Program
    {
        private const string DefaultSample = "samples/hitl-quickstart.ps1";
        private const string DemoProjectName = "Street scenes demo";

        // Long enough to watch jobs go new -> progress -> done, short enough for the whole demo to take seconds.
        private static readonly TimeSpan WorkerDelay = TimeSpan.FromMilliseconds(300);

        public static async Task<int> Main(string[] args)
        {
            var host = new DemoHost();
            var ui = host.DemoUI;
            if (args.Length > 1 || (args.Length == 1 && args[0] is "-h" or "--help" or "/?"))
            {
                ui.WriteLine("Usage: dotnet run --project src/LabelOps.Demo [-- <script.ps1>]   (default: " + DefaultSample + ")");
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
            var sample = RepositoryRoot.Resolve(root, args.Length == 1 ? args[0] : DefaultSample);
            var manifest = Path.Combine(root, "out", "LabelOps", "LabelOps.psd1");
            if (!File.Exists(sample))
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
            var account = emulator.CreateAccount(simulateWorkers: true);
            var projectId = account.Hitl.AddProject(DemoProjectName, "active");
            Environment.SetEnvironmentVariable("HITL_API_KEY", account.ApiKey);
            Environment.SetEnvironmentVariable("HITL_BASE_URI", emulator.BaseUri.AbsoluteUri);
            Environment.SetEnvironmentVariable("HITL_DEMO_PROJECT_ID", projectId);
            ui.WriteNote("LabelOps demo: HITL emulator at " + emulator.BaseUri + ", project '" + DemoProjectName + "' (" + projectId + ").");
            var shown = sample.StartsWith(root, StringComparison.Ordinal) ? Path.GetRelativePath(root, sample) : sample;
            ui.WriteNote("Running " + shown + " in the PowerShell engine the tests host (no pwsh needed).");

            try
            {
                return RunScript(host, manifest, sample);
            }
            catch (Exception failure) when (failure is RuntimeException or InvalidOperationException)
            {
                // The runspace could not open, e.g. the module failed to import.
                ui.WriteErrorLine(failure.Message);
                return 1;
            }
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
