using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// LabelOps in an application that embeds the PowerShell SDK (a service, a test runner, a worker hosting
    /// runspaces) rather than in pwsh: tests/LabelOps.ModuleHost is such a host and references nothing of LabelOps.
    /// The Pester suite cannot show this (pwsh is not an SDK host), so it is the one module scenario in xunit.
    /// In such a host System.Text.Json comes from the runtime, and the netstandard2.0 Microsoft.Bcl.AsyncInterfaces
    /// once made Export-AngoAnnotation fail with MissingMethodException (docs/module-loading.md).
    /// </summary>
    public sealed class SdkHostTests : IDisposable
    {
        private static readonly string ModuleHost = typeof(SdkHostTests).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleHostPath").Value!;

        private readonly string _work = Directory.CreateTempSubdirectory("labelops-sdkhost-").FullName;

        [Fact]
        public async System.Threading.Tasks.Task In_an_SDK_host_Export_AngoAnnotation_streams_records_and_the_public_types_resolve()
        {
            var account = SharedEmulator.Server.CreateAccount();
            var project = account.Ango.AddProject("Hosted");
            account.Ango.AddAssets(project, 3);
            var script = Path.Combine(_work, "export.ps1");
            File.WriteAllText(script, """
                $ErrorActionPreference = 'Stop'
                Import-Module $env:LABELOPS_TEST_MANIFEST
                $records = @(Export-AngoAnnotation -ProjectId $env:LABELOPS_TEST_ANGO_PROJECT)
                "records $($records.Count)"
                "typed $($records[0] -is [LabelOps.AngoExportRecord])"
                """);

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(ModuleHost);
            start.ArgumentList.Add("--script");
            start.ArgumentList.Add(script);
            start.Environment["LABELOPS_TEST_MANIFEST"] = RepositoryPaths.ModuleManifest;
            start.Environment["LABELOPS_TEST_ANGO_PROJECT"] = project;
            start.Environment["ANGO_API_KEY"] = account.ApiKey;
            start.Environment["ANGO_BASE_URI"] = new Uri(SharedEmulator.Server.BaseUri, "v2/").AbsoluteUri;

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, "exit " + process.ExitCode + "\n" + output + "\n" + await errors);
            Assert.Contains("records 3", output);
            Assert.Contains("typed True", output);
        }

        public void Dispose() => Directory.Delete(_work, recursive: true);
    }
}
