using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// LabelOps lives beside other modules: on PowerShell 7 its engine, Polly and the rest load in LabelOps' own
    /// AssemblyLoadContext from the module's Dependencies folder (docs/module-loading.md). These run in a child process
    /// (tests/LabelOps.ModuleHost), because this test process already has its own Polly and System.Text.Json loaded
    /// and resolves the engine from its own folder, so nothing in it can show a conflict.
    /// </summary>
    public sealed class DependencyIsolationTests : IDisposable
    {
        private static readonly string ModuleHost = Metadata("ModuleHostPath");
        private static readonly string PackageRoot = Metadata("NuGetPackageRoot");

        private readonly string _work = Directory.CreateTempSubdirectory("labelops-isolation-").FullName;

        [Fact]
        public void Imports_and_runs_after_another_module_loaded_an_older_Polly_and_a_System_Text_Json()
        {
            var otherPolly = Path.Combine(PackageRoot, "polly.core", "8.1.0", "lib", "netstandard2.0", "Polly.Core.dll");
            var otherJson = Path.Combine(PackageRoot, "system.text.json", "8.0.5", "lib", "net8.0", "System.Text.Json.dll");
            Assert.True(File.Exists(otherPolly), "restore downloads " + otherPolly);
            Assert.True(File.Exists(otherJson), "restore downloads " + otherJson);

            var run = RunScenario(RepositoryPaths.ModuleManifest, otherPolly, otherJson);

            Assert.Contains("preloaded Polly.Core 8.0.0.0 from " + otherPolly, run.Output);
            run.AssertCmdletsWorked();
            var module = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
            // The other module's Polly stays where it was; the engine runs on ours, in LabelOps' own context.
            Assert.Contains(run.Assemblies, a => a.Name == "Polly.Core" && a.Context == "Default" && a.Location == otherPolly);
            run.AssertIsolated("LabelOps.Engine", module);
            run.AssertIsolated("Polly.Core", module);
            run.AssertIsolated("System.Threading.RateLimiting", module);
        }

        [Fact]
        public void Imports_from_a_copy_of_the_module_folder_anywhere()
        {
            var copy = Path.Combine(_work, "Modules", "LabelOps");
            CopyFolder(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, copy);

            var run = RunScenario(Path.Combine(copy, "LabelOps.psd1"));

            run.AssertCmdletsWorked();
            run.AssertIsolated("LabelOps.Engine", copy);
            run.AssertIsolated("Polly.Core", copy);
        }

        [Fact]
        public void Imports_from_the_gallery_package_unpacked_as_Install_PSResource_does()
        {
            // <Modules>/LabelOps/<version>, the package less NuGet's own files.
            var unpacked = Path.Combine(_work, "Modules", "LabelOps", "version");
            System.IO.Compression.ZipFile.ExtractToDirectory(PackageTests.PackagePath(), unpacked);
            Directory.Delete(Path.Combine(unpacked, "package"), recursive: true);

            var run = RunScenario(Path.Combine(unpacked, "LabelOps.psd1"));

            run.AssertCmdletsWorked();
            run.AssertIsolated("LabelOps.Engine", unpacked);
            run.AssertIsolated("Polly.Core", unpacked);
        }

        private ScenarioRun RunScenario(string manifest, params string[] preload)
        {
            var account = SharedEmulator.Server.CreateAccount();
            var hitlProject = account.Hitl.AddProject("Isolation", "active");
            var angoProject = account.Ango.AddProject("Isolation");
            var script = Path.Combine(_work, "scenario.ps1");
            File.WriteAllText(script, """
                $ErrorActionPreference = 'Stop'
                Import-Module $env:LABELOPS_TEST_MANIFEST
                $job = New-HitlJob -ProjectId $env:LABELOPS_TEST_HITL_PROJECT -FileUrl 'https://example.com/isolation.jpg'
                "hitl job $($job.JobId)"
                $project = Get-AngoProject -ProjectId $env:LABELOPS_TEST_ANGO_PROJECT
                "ango project $($project.ProjectId)"
                [AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object {
                    $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_)
                    $kind = if ($context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default) { 'Default' } else { $context.GetType().Name }
                    "assembly|$($_.GetName().Name)|$kind|$($_.Location)"
                }
                """);

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(ModuleHost);
            foreach (var file in preload)
            {
                start.ArgumentList.Add("--preload");
                start.ArgumentList.Add(file);
            }
            start.ArgumentList.Add("--script");
            start.ArgumentList.Add(script);
            start.Environment["LABELOPS_TEST_MANIFEST"] = manifest;
            start.Environment["LABELOPS_TEST_HITL_PROJECT"] = hitlProject;
            start.Environment["LABELOPS_TEST_ANGO_PROJECT"] = angoProject;
            start.Environment["HITL_API_KEY"] = account.ApiKey;
            start.Environment["HITL_BASE_URI"] = SharedEmulator.Server.BaseUri.AbsoluteUri;
            start.Environment["ANGO_API_KEY"] = account.ApiKey;
            start.Environment["ANGO_BASE_URI"] = new Uri(SharedEmulator.Server.BaseUri, "v2/").AbsoluteUri;

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new ScenarioRun(process.ExitCode, output, errors.Result, account, hitlProject, angoProject);
        }

        private static string Metadata(string key) =>
            typeof(DependencyIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

        private static void CopyFolder(string from, string to)
        {
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public void Dispose() => Directory.Delete(_work, recursive: true);

        private sealed record LoadedAssembly(string Name, string Context, string Location);

        private sealed class ScenarioRun
        {
            private readonly int _exitCode;
            private readonly string _errors;
            private readonly LabelOps.Emulator.EmulatorAccount _account;
            private readonly string _hitlProject;
            private readonly string _angoProject;

            public ScenarioRun(int exitCode, string output, string errors, LabelOps.Emulator.EmulatorAccount account, string hitlProject, string angoProject)
            {
                _exitCode = exitCode;
                Output = output;
                _errors = errors;
                _account = account;
                _hitlProject = hitlProject;
                _angoProject = angoProject;
                Assemblies = output.Split('\n').Select(l => l.TrimEnd('\r'))
                    .Where(l => l.StartsWith("assembly|", StringComparison.Ordinal))
                    .Select(l => l.Split('|'))
                    .Select(p => new LoadedAssembly(p[1], p[2], p[3]))
                    .ToList();
            }

            public string Output { get; }

            public IReadOnlyList<LoadedAssembly> Assemblies { get; }

            /// <summary>Both services answered real requests: a job was created and a project read.</summary>
            public void AssertCmdletsWorked()
            {
                Assert.True(_exitCode == 0, "exit code " + _exitCode + "\nstdout:\n" + Output + "\nstderr:\n" + _errors);
                Assert.Contains("ango project " + _angoProject, Output);
                Assert.Single(_account.Requests, r => r.Method == "POST" && r.Path.StartsWith("/v1/jobs", StringComparison.Ordinal));
                var job = Assert.Single(_account.Hitl.GetJobs(_hitlProject));
                Assert.Contains("hitl job " + job.JobId, Output);
            }

            public void AssertIsolated(string name, string moduleFolder)
            {
                var loaded = Assert.Single(Assemblies, a => a.Name == name && a.Location.StartsWith(moduleFolder, StringComparison.Ordinal));
                Assert.Equal(Path.Combine(moduleFolder, "Dependencies", name + ".dll"), loaded.Location);
                Assert.Equal("IsolatedDependencyContext", loaded.Context);
            }
        }
    }
}
