using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading.Tasks;

namespace LabelOps.Tests.Infrastructure
{
    /// <summary>
    /// A real PowerShell runspace (the engine PowerShell 7.6 ships) with the built module imported, as a user's
    /// session would have it. Each test gets its own, so default sessions never leak between tests.
    /// </summary>
    public sealed class HostedPowerShell : IDisposable
    {
        private readonly Runspace _runspace;

        public HostedPowerShell()
            : this(null)
        {
        }

        /// <param name="host">A host that shows what a user would see (e.g. <see cref="CapturingHost"/>); none by default.</param>
        public HostedPowerShell(System.Management.Automation.Host.PSHost? host)
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { RepositoryPaths.ModuleManifest });
            state.ThrowOnRunspaceOpenError = true;
            _runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
            _runspace.Open();
        }

        public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

        public object? GetVariable(string name) => _runspace.SessionStateProxy.GetVariable(name);

        /// <summary>Runs a script to completion and collects every stream. Never throws for PowerShell errors.</summary>
        public PowerShellResult Run(string script, IDictionary<string, object?>? variables = null)
        {
            using var shell = Create(script, variables);
            return Collect(shell, s => s.Invoke());
        }

        /// <summary>Starts a script; the caller may stop it (Ctrl+C) with <see cref="RunningScript.Stop"/>.</summary>
        public RunningScript Start(string script, IDictionary<string, object?>? variables = null)
        {
            var shell = Create(script, variables);
            var result = new PowerShellResult();
            Subscribe(shell, result);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, e) => { lock (result) result.Output.Add(output[e.Index]); };
            var task = Task.Factory.FromAsync(shell.BeginInvoke<PSObject, PSObject>(null, output), shell.EndInvoke);
            return new RunningScript(shell, task, result);
        }

        private PowerShell Create(string script, IDictionary<string, object?>? variables)
        {
            if (variables != null)
            {
                foreach (var pair in variables) SetVariable(pair.Key, pair.Value);
            }
            var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddScript(script);
            return shell;
        }

        private static PowerShellResult Collect(PowerShell shell, Func<PowerShell, IEnumerable<PSObject>> invoke)
        {
            var result = new PowerShellResult();
            Subscribe(shell, result);
            try
            {
                result.Output.AddRange(invoke(shell));
            }
            catch (RuntimeException terminating)
            {
                result.Terminating = terminating;
            }
            return result;
        }

        private static void Subscribe(PowerShell shell, PowerShellResult result)
        {
            shell.Streams.Error.DataAdded += (s, e) => { lock (result) result.Errors.Add(((PSDataCollection<ErrorRecord>)s!)[e.Index]); };
            shell.Streams.Verbose.DataAdded += (s, e) => { lock (result) result.Verbose.Add(((PSDataCollection<VerboseRecord>)s!)[e.Index].Message); };
            shell.Streams.Debug.DataAdded += (s, e) => { lock (result) result.Debug.Add(((PSDataCollection<DebugRecord>)s!)[e.Index].Message); };
            shell.Streams.Warning.DataAdded += (s, e) => { lock (result) result.Warnings.Add(((PSDataCollection<WarningRecord>)s!)[e.Index].Message); };
            shell.Streams.Progress.DataAdded += (s, e) => { lock (result) result.Progress.Add(((PSDataCollection<ProgressRecord>)s!)[e.Index]); };
        }

        public void Dispose() => _runspace.Dispose();
    }

    public sealed class RunningScript : IDisposable
    {
        private readonly PowerShell _shell;

        public RunningScript(PowerShell shell, Task<PSDataCollection<PSObject>> completion, PowerShellResult result)
        {
            _shell = shell;
            Completion = completion;
            Result = result;
        }

        public Task Completion { get; }

        public PowerShellResult Result { get; }

        /// <summary>What Ctrl+C does: PowerShell.Stop(), which calls StopProcessing on the running cmdlet.</summary>
        public void Stop() => _shell.Stop();

        public void Dispose() => _shell.Dispose();
    }
}
