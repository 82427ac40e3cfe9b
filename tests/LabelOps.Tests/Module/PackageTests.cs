using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Xml.Linq;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// The gallery package (src/LabelOps.Package writes out/LabelOps.&lt;version&gt;.nupkg on every build) and the manifest
    /// it is made from: what Publish-PSResource would check and what Install-PSResource would unpack.
    /// </summary>
    public sealed class PackageTests : IDisposable
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;

        // The files NuGet itself adds to every package; Install-PSResource leaves them out of the module folder.
        private static readonly string[] PackagingFiles = { "LabelOps.nuspec", "[Content_Types].xml", "_rels/.rels" };

        private readonly HostedPowerShell _shell = new HostedPowerShell();

        [Fact]
        public void Test_ModuleManifest_is_clean_and_carries_the_gallery_metadata()
        {
            var module = TestManifest(RepositoryPaths.ModuleManifest);

            Assert.Equal("LabelOps", module.Name);
            Assert.Equal("LabelOps.dll", Path.GetFileName(module.RootModule));
            Assert.Equal(new[] { "LabelOps.Loading" }, module.NestedModules.Select(m => m.Name));
            Assert.Contains("PSEdition_Desktop", module.Tags);
            Assert.Contains("PSEdition_Core", module.Tags);
            Assert.Equal(Uri.UriSchemeHttps, module.ProjectUri.Scheme);
            Assert.Equal(Uri.UriSchemeHttps, module.LicenseUri.Scheme);
            Assert.Contains("Humans in the Loop API v1", module.ReleaseNotes);
            Assert.Contains("Ango Hub API v2", module.ReleaseNotes);
            Assert.NotEmpty(module.Description);
            Assert.NotEmpty(module.Author);
            // The licence the manifest points to is in the repository, and the changelog has this version.
            Assert.EndsWith("/LICENSE", module.LicenseUri.AbsolutePath, StringComparison.Ordinal);
            Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "LICENSE")), StringComparison.Ordinal);
            Assert.Contains("## [" + module.Version + "]", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "CHANGELOG.md")));
        }

        [Fact]
        public void The_manifest_exports_exactly_the_cmdlets_the_module_has()
        {
            var listed = TestManifest(RepositoryPaths.ModuleManifest).ExportedCmdlets.Keys.OrderBy(n => n).ToList();
            var imported = _shell.Run("(Get-Module LabelOps).ExportedCmdlets.Keys");
            imported.ThrowIfFailed();

            Assert.Equal(listed, imported.Output.Select(o => o.ToString()).OrderBy(n => n));
        }

        [Fact]
        public void Package_holds_the_module_folder_as_the_gallery_lays_it_out()
        {
            using var package = ZipFile.OpenRead(PackagePath());
            var entries = package.Entries.Select(e => Uri.UnescapeDataString(e.FullName)).ToList();
            var moduleEntries = entries
                .Where(e => !PackagingFiles.Contains(e) && !e.StartsWith("package/services/metadata/", StringComparison.Ordinal))
                .OrderBy(e => e, StringComparer.Ordinal);
            var moduleFiles = Directory.GetFiles(ModuleFolder, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(ModuleFolder, f).Replace('\\', '/'))
                .OrderBy(e => e, StringComparer.Ordinal);

            Assert.Equal(moduleFiles, moduleEntries);
            Assert.Subset(entries.ToHashSet(), new HashSet<string>
            {
                "LabelOps.nuspec", "LabelOps.psd1", "LabelOps.dll", "LabelOps.Loading.dll",
                "LabelOps.format.ps1xml", "LabelOps.types.ps1xml",
                "en-US/LabelOps.dll-Help.xml", "en-US/about_LabelOps.help.txt", "en-US/about_LabelOps_Emulator.help.txt",
                "Dependencies/LabelOps.Engine.dll", "Dependencies/Polly.Core.dll", "Dependencies/System.Threading.RateLimiting.dll",
                "Dependencies/System.Text.Json.dll",
            });
            // A module is not a library: nothing under lib/, and only the loader and the cmdlets beside the manifest.
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
            Assert.Equal(new[] { "LabelOps.Loading.dll", "LabelOps.dll" },
                entries.Where(e => !e.Contains('/') && e.EndsWith(".dll", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal));
        }

        [Fact]
        public void Package_metadata_is_the_manifest_with_the_tags_the_gallery_expects()
        {
            var module = TestManifest(RepositoryPaths.ModuleManifest);
            var metadata = ReadNuspec();
            string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

            Assert.Equal("LabelOps", Value("id"));
            Assert.Equal(module.Version.ToString(), Value("version"));
            Assert.Equal(module.Description, Value("description"));
            Assert.Equal(module.Author, Value("authors"));
            Assert.Equal(module.Copyright, Value("copyright"));
            Assert.Equal(module.ProjectUri, new Uri(Value("projectUrl")));
            Assert.Equal(module.LicenseUri, new Uri(Value("licenseUrl")));
            Assert.Equal(module.ReleaseNotes, Value("releaseNotes"));
            Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies");

            var tags = Value("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Subset(tags.ToHashSet(), module.Tags.ToHashSet());
            Assert.Subset(tags.ToHashSet(), new HashSet<string> { "PSModule", "PSIncludes_Cmdlet", "PSEdition_Desktop", "PSEdition_Core" });
            foreach (var cmdlet in module.ExportedCmdlets.Keys)
            {
                Assert.Contains("PSCmdlet_" + cmdlet, tags);
                Assert.Contains("PSCommand_" + cmdlet, tags);
            }
            Assert.Equal(module.ExportedCmdlets.Count, tags.Count(t => t.StartsWith("PSCmdlet_", StringComparison.Ordinal)));
            Assert.Equal(tags.Length, tags.Distinct().Count());
        }

        [Fact]
        public void The_manifest_inside_the_package_is_clean()
        {
            var unpacked = Directory.CreateTempSubdirectory("labelops-package-").FullName;
            try
            {
                // What Install-PSResource does: the package, less NuGet's own files, becomes <Modules>/LabelOps/<version>.
                var version = TestManifest(RepositoryPaths.ModuleManifest).Version.ToString();
                var target = Path.Combine(unpacked, "LabelOps", version);
                ZipFile.ExtractToDirectory(PackagePath(), target);
                foreach (var file in PackagingFiles) File.Delete(Path.Combine(target, file));
                Directory.Delete(Path.Combine(target, "_rels"), recursive: true);
                Directory.Delete(Path.Combine(target, "package"), recursive: true);

                var module = TestManifest(Path.Combine(target, "LabelOps.psd1"));

                Assert.Equal(version, module.Version.ToString());
                Assert.Equal(target, module.ModuleBase);
            }
            finally
            {
                Directory.Delete(unpacked, recursive: true);
            }
        }

        /// <summary>Test-ModuleManifest in the hosted engine; fails the test on any error or warning it writes.</summary>
        private PSModuleInfo TestManifest(string path)
        {
            var result = _shell.Run("Test-ModuleManifest -Path $path", new Dictionary<string, object?> { ["path"] = path });
            result.ThrowIfFailed();
            Assert.Empty(result.Errors);
            Assert.Empty(result.Warnings);
            return Assert.IsType<PSModuleInfo>(Assert.Single(result.Output).BaseObject);
        }

        internal static string PackagePath()
        {
            var manifest = File.ReadAllText(RepositoryPaths.ModuleManifest);
            var version = System.Text.RegularExpressions.Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
            var path = Path.Combine(RepositoryPaths.Root, "out", "LabelOps." + version + ".nupkg");
            Assert.True(File.Exists(path), "the build writes " + path);
            return path;
        }

        private static XElement ReadNuspec()
        {
            using var package = ZipFile.OpenRead(PackagePath());
            using var stream = package.GetEntry("LabelOps.nuspec")!.Open();
            return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        public void Dispose() => _shell.Dispose();
    }
}
