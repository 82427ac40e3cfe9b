using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace LabelOps.Benchmarks;

/// <summary>
/// A runspace of the real PowerShell engine with out/LabelOps imported, as a user's session has it.
/// </summary>
public sealed class BenchmarkShell : IDisposable
{
    private readonly Runspace _runspace;

    public BenchmarkShell(bool importModule = true)
    {
        var state = InitialSessionState.CreateDefault2();
        if (importModule)
        {
            state.ImportPSModule(new[] { ModuleManifest });
        }
        state.ThrowOnRunspaceOpenError = true;
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
    }

    public static string ModuleManifest { get; } =
        typeof(BenchmarkShell).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleManifest").Value!;

    public void Set(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs a script; any error record or terminating error fails the scenario (a benchmark of failures measures nothing).</summary>
    public IReadOnlyList<PSObject> Run(string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        var output = shell.Invoke();
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("The script wrote " + shell.Streams.Error.Count + " error(s); the first: " + shell.Streams.Error[0] + "\n" + script);
        }
        return output.ToList();
    }

    public T RunScalar<T>(string script) => (T)LanguagePrimitives.ConvertTo(Run(script).Last().BaseObject, typeof(T));

    public void Dispose() => _runspace.Dispose();
}
