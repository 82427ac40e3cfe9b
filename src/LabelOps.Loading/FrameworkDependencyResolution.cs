using System;
using System.IO;
using System.Reflection;
using System.Threading;

namespace LabelOps.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework): no load contexts, so the dependencies load into the one AppDomain from
    /// the Dependencies folder when the runtime cannot find them. Answering by simple name also stands in for the
    /// binding redirects a module cannot ship (Polly and System.Text.Json ask for different versions of
    /// System.Runtime.CompilerServices.Unsafe, Microsoft.Bcl.AsyncInterfaces, ...; the folder holds the newest).
    /// </summary>
    internal static class FrameworkDependencyResolution
    {
        private static string? _folder;

        internal static void Register(string folder)
        {
            if (Interlocked.CompareExchange(ref _folder, folder, null) == null)
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var fileName = new AssemblyName(args.Name).Name + ".dll";
            var path = Path.Combine(_folder!, fileName);
            if (!File.Exists(path))
            {
                // LabelOps.Model (the public types) sits next to the manifest, one level up, when the engine asks for it.
                path = Path.Combine(Path.GetDirectoryName(_folder!)!, fileName);
            }
            // LoadFrom returns the already loaded assembly when asked for the same file again.
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
