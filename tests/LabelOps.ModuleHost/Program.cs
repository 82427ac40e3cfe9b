using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace LabelOps.ModuleHost
{
    /// <summary>
    /// `LabelOps.ModuleHost [--preload file.dll]... --script file.ps1`: loads each --preload assembly into the default
    /// load context (Assembly.LoadFrom, as another binary module would), then runs the script in a fresh runspace and
    /// prints each output object's string form on stdout and each error on stderr. Exit code: 0 when the script wrote
    /// no error, 1 otherwise, 2 for a bad command line. The script does its own Import-Module.
    /// </summary>
    internal static class Program
    {
        public static int Main(string[] args)
        {
            string? script = null;
            for (var i = 0; i < args.Length; i++)
            {
                if (args[i] == "--preload" && i + 1 < args.Length)
                {
                    var file = args[++i];
                    try
                    {
                        var loaded = Assembly.LoadFrom(file);
                        // The runtime may hand back its own copy instead (it does for System.Text.Json): say which.
                        Console.WriteLine("preloaded " + loaded.GetName().Name + " " + loaded.GetName().Version + " from " + loaded.Location);
                    }
                    catch (FileLoadException refused)
                    {
                        Console.WriteLine("preload refused " + file + ": " + refused.Message);
                    }
                }
                else if (args[i] == "--script" && i + 1 < args.Length)
                {
                    script = args[++i];
                }
                else
                {
                    Console.Error.WriteLine("Usage: LabelOps.ModuleHost [--preload <assembly.dll>]... --script <file.ps1>");
                    return 2;
                }
            }
            if (script == null || !File.Exists(script))
            {
                Console.Error.WriteLine("No script file: " + script);
                return 2;
            }

            var state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                // A hosted engine on Windows otherwise uses the Restricted policy and refuses every .ps1 file.
                state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            }
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddCommand(Path.GetFullPath(script));
            try
            {
                foreach (var item in shell.Invoke())
                {
                    Console.WriteLine(item?.ToString());
                }
            }
            catch (RuntimeException terminating)
            {
                Console.Error.WriteLine("terminating: " + Describe(terminating.ErrorRecord));
                return 1;
            }
            foreach (var error in shell.Streams.Error)
            {
                Console.Error.WriteLine("error: " + Describe(error));
            }
            return shell.Streams.Error.Count == 0 ? 0 : 1;
        }

        /// <summary>The message, error ID and the innermost exception: enough to see a type-load failure.</summary>
        private static string Describe(ErrorRecord error)
        {
            var inner = error.Exception;
            while (inner.InnerException != null) inner = inner.InnerException;
            return error.Exception.Message + " [" + error.FullyQualifiedErrorId + "] " + inner.GetType().FullName + ": " + inner.Message;
        }
    }
}
