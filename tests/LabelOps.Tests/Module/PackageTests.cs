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
