using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace LabelOps.Loading
{
    /// <summary>
    /// PowerShell 7 (.NET): LabelOps' own load context over the Dependencies folder. LabelOps.dll (the cmdlets) stays in
    /// the default context (PowerShell loaded it there); when it first needs LabelOps.Engine, the default context cannot find it and
    /// raises Resolving, and the engine is loaded here. From then on the runtime asks this context first for whatever
    /// the engine needs, so Polly, System.Threading.RateLimiting and the rest resolve to our copies even when another
    /// module already loaded other versions of them into the default context.
    /// Two rules keep one copy of each type where two parts must agree on it:
    /// - an assembly the runtime itself ships at least as new as ours (System.Memory, System.Text.Json on .NET 10, ...)
    ///   is taken from the runtime, as any .NET code would; ours is loaded only when the runtime's is older (System.Text.Json
    ///   10 on PowerShell 7.4's .NET 8);
    /// - an assembly LabelOps.dll itself references (System.Text.Json, Microsoft.Bcl.AsyncInterfaces, ...) passes types
    ///   between the cmdlets and the engine, so the engine gets the same copy the cmdlets got.
    /// </summary>
    internal sealed class IsolatedDependencyContext : AssemblyLoadContext
    {
        private const string CmdletAssemblyName = "LabelOps";
        private static readonly object Gate = new object();
        private static IsolatedDependencyContext? _instance;

        private readonly string _folder;
        private readonly Lazy<Dictionary<string, string>> _runtimeAssemblies = new Lazy<Dictionary<string, string>>(ReadRuntimeAssemblies);
        private readonly Lazy<HashSet<string>> _sharedWithCmdlets = new Lazy<HashSet<string>>(ReadCmdletReferences);

        private IsolatedDependencyContext(string folder)
        {
            _folder = folder;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        internal static void Register(string folder)
        {
            lock (Gate)
            {
                if (_instance != null) return;
                _instance = new IsolatedDependencyContext(folder);
                Default.Resolving += ResolveForDefaultContext;
            }
        }

        /// <summary>The default context (LabelOps.dll) cannot find an assembly: if it is one of ours, it comes from here.</summary>
        private static Assembly? ResolveForDefaultContext(AssemblyLoadContext context, AssemblyName name)
        {
            var self = _instance!;
            return self.OwnCopy(name) != null ? self.LoadFromAssemblyName(name) : null;
        }

        protected override Assembly? Load(AssemblyName name)
        {
            var path = OwnCopy(name);
            if (path == null) return null;   // not ours (the runtime's, or a runtime-provided newer copy): default rules
            if (_sharedWithCmdlets.Value.Contains(name.Name!))
            {
                var cmdletsCopy = AppDomain.CurrentDomain.GetAssemblies()
                    .FirstOrDefault(a => GetLoadContext(a) == Default && IsSameNameAtLeast(a.GetName(), name));
                if (cmdletsCopy != null) return cmdletsCopy;
            }
            return LoadFromAssemblyPath(path);
        }

        /// <summary>Our file for <paramref name="name"/>, or null when we have none or the runtime ships one at least as new.</summary>
        private string? OwnCopy(AssemblyName name)
        {
            // Dependencies/netcore holds builds that only forward to the runtime (Microsoft.Bcl.AsyncInterfaces): on .NET
            // they replace the netstandard2.0 builds, which would define second copies of runtime types.
            var path = Path.Combine(_folder, "netcore", name.Name + ".dll");
            if (!File.Exists(path)) path = Path.Combine(_folder, name.Name + ".dll");
            if (!File.Exists(path)) return null;
            if (_runtimeAssemblies.Value.TryGetValue(name.Name!, out var runtimePath) && IsAtLeastAsNew(runtimePath, path)) return null;
            return path;
        }

        private static bool IsSameNameAtLeast(AssemblyName loaded, AssemblyName wanted) =>
            string.Equals(loaded.Name, wanted.Name, StringComparison.OrdinalIgnoreCase)
            && (wanted.Version == null || (loaded.Version != null && loaded.Version >= wanted.Version));

        /// <summary>Assembly version first; for equal assembly versions (Polly keeps 8.0.0.0 for every 8.x) the file version.</summary>
        private static bool IsAtLeastAsNew(string candidatePath, string ourPath)
        {
            var candidate = AssemblyName.GetAssemblyName(candidatePath).Version;
            var ours = AssemblyName.GetAssemblyName(ourPath).Version;
            if (candidate != ours) return candidate > ours;
            return FileVersion(candidatePath) >= FileVersion(ourPath);
        }

        private static Version FileVersion(string path)
        {
            var info = FileVersionInfo.GetVersionInfo(path);
            return new Version(info.FileMajorPart, info.FileMinorPart, info.FileBuildPart, info.FilePrivatePart);
        }

        /// <summary>
        /// The assemblies LabelOps.dll names (read when the engine first asks for a dependency, which happens only
        /// after LabelOps.dll asked for the engine, so it is loaded by then).
        /// </summary>
        private static HashSet<string> ReadCmdletReferences()
        {
            var cmdlets = AppDomain.CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => GetLoadContext(a) == Default && a.GetName().Name == CmdletAssemblyName);
            var names = cmdlets?.GetReferencedAssemblies().Select(a => a.Name!) ?? Enumerable.Empty<string>();
            return new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>What the host application resolves without help: the runtime's and the host's own assemblies.</summary>
        private static Dictionary<string, string> ReadRuntimeAssemblies()
        {
            var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                byName[Path.GetFileNameWithoutExtension(path)] = path;
            }
            return byName;
        }
    }
}
