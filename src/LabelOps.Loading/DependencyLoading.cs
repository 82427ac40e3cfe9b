using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace LabelOps.Loading
{
    /// <summary>
    /// Runs when Import-Module loads this assembly, the manifest's first nested module, before the root module
    /// LabelOps.dll: PowerShell needs the engine as soon as it looks at the cmdlet classes (their base classes use engine
    /// types), earlier than an initializer inside LabelOps.dll would run. Only these two assemblies sit in the module
    /// folder; the engine and everything it needs (Polly, System.Text.Json, ...) live in the Dependencies subfolder,
    /// where PowerShell's own probing does not look, so every one of them comes through here:
    /// on PowerShell 7 (.NET) they load in LabelOps' own AssemblyLoadContext, so another module's Polly or
    /// System.Text.Json in the session never meets ours; on Windows PowerShell 5.1 (.NET Framework, which has no
    /// load contexts) they load from the folder through AppDomain.AssemblyResolve.
    /// This is PowerShell's documented pattern ("Resolving PowerShell module assembly dependency conflicts").
    /// </summary>
    public sealed class DependencyLoading : IModuleAssemblyInitializer
    {
        internal const string FolderName = "Dependencies";

        // No IModuleAssemblyCleanup: the handlers stay for the life of the process, because .NET cannot unload what
        // they loaded and another runspace of the same process may still import or be running the module.
        public void OnImport()
        {
            var folder = Path.Combine(Path.GetDirectoryName(typeof(DependencyLoading).Assembly.Location)!, FolderName);
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                FrameworkDependencyResolution.Register(folder);
            }
            else
            {
                // Only this branch touches AssemblyLoadContext: the .NET Framework JIT never compiles
                // IsolatedDependencyContext's methods (it has no such type), so they live in their own class.
                IsolatedDependencyContext.Register(folder);
            }
        }
    }
}
