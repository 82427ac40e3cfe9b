using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// The tree says what the code is (docs/architecture.md, "Names and files"): a type's namespace is its project's
    /// root namespace followed by its folder, and each file holds one top-level type named after the file (partial
    /// classes, AngoClient.Tasks.cs, are parts of one). Polyfills.cs holds the compiler attributes netstandard2.0
    /// lacks, in the namespaces the compiler looks for, and is left out. The module's Cmdlets/ holds cmdlets only,
    /// each under 200 lines (issue 12): what they share lives in Base/ or the engine.
    /// </summary>
    public sealed class SourceTreeTests
    {
        private static readonly Regex NamespaceDeclaration = new Regex(@"^\s*namespace\s+([\w.]+)\s*(;)?", RegexOptions.Multiline);

        private static readonly Regex TypeDeclaration = new Regex(
            @"^(?<indent>[ \t]*)(?:(?:public|internal|private|protected|sealed|static|abstract|partial|readonly|ref|file)\s+)*(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?)\s+(?<name>\w+)",
            RegexOptions.Multiline);

        /// <summary>Every project under src/ with code (LabelOps.Package only lays out the module).</summary>
        public static IEnumerable<object[]> Projects() =>
            Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
                .Select(p => Path.GetFileNameWithoutExtension(p))
                .Where(p => SourceFiles(p).Any())
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => new object[] { p });

        /// <summary>The project's .cs files, relative to its folder, without obj/ and bin/.</summary>
        private static IEnumerable<string> SourceFiles(string project)
        {
            var folder = Path.Combine(RepositoryPaths.Root, "src", project);
            return Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal));
        }

        /// <summary>What is wrong with one source file, given the namespace its folder asks for; empty when nothing.</summary>
        internal static IEnumerable<string> Violations(string fileName, string text, string expectedNamespace)
        {
            var namespaces = NamespaceDeclaration.Matches(text).Cast<Match>().ToList();
            if (namespaces.Count == 0) yield return fileName + ": no namespace (expected " + expectedNamespace + ")";
            foreach (var declared in namespaces.Where(n => n.Groups[1].Value != expectedNamespace))
            {
                yield return fileName + ": namespace " + declared.Groups[1].Value + ", expected " + expectedNamespace;
            }
            // Top level: column 0 under a file-scoped namespace, one indent inside a block-scoped one.
            var topIndent = namespaces.Any(n => n.Groups[2].Success) ? string.Empty : "    ";
            var types = TypeDeclaration.Matches(text).Cast<Match>()
                .Where(m => m.Groups["indent"].Value == topIndent)
                .Select(m => m.Groups["name"].Value)
                .Distinct()
                .ToList();
            var named = Path.GetFileName(fileName).Split('.')[0];
            if (types.Count != 1 || types[0] != named)
            {
                yield return fileName + ": top-level types [" + string.Join(", ", types) + "], expected just " + named;
            }
        }

        [Theory]
        [MemberData(nameof(Projects))]
        public void Every_file_of_the_project_is_in_its_folders_namespace_and_holds_one_type_named_after_it(string project)
        {
            var folder = Path.Combine(RepositoryPaths.Root, "src", project);
            var csproj = File.ReadAllText(Path.Combine(folder, project + ".csproj"));
            var root = Regex.Match(csproj, @"<RootNamespace>([\w.]+)</RootNamespace>") is { Success: true } m ? m.Groups[1].Value : project;
            var checkedFiles = 0;
            var problems = new List<string>();
            foreach (var relative in SourceFiles(project).Where(f => Path.GetFileName(f) != "Polyfills.cs"))
            {
                var subfolder = (Path.GetDirectoryName(relative) ?? string.Empty).Replace('/', '.').Replace('\\', '.');
                problems.AddRange(Violations(relative, File.ReadAllText(Path.Combine(folder, relative)), subfolder.Length == 0 ? root : root + "." + subfolder));
                checkedFiles++;
            }

            Assert.True(checkedFiles > 0, "no source file found in " + folder);
            Assert.Empty(problems);
        }

        [Fact]
        public void Cmdlets_holds_only_cmdlets_and_each_cmdlet_file_stays_under_200_lines()
        {
            var files = SourceFiles("LabelOps").Where(f => f.StartsWith("Cmdlets/", StringComparison.Ordinal)).ToList();
            var problems = files
                .Select(f => (File: f, Text: File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "LabelOps", f))))
                .SelectMany(f => new[]
                {
                    f.Text.Contains("[Cmdlet(", StringComparison.Ordinal) ? null : f.File + " is no cmdlet (helpers and bases belong in Base/)",
                    f.Text.Split('\n').Length <= 200 ? null : f.File + " has " + f.Text.Split('\n').Length + " lines",
                })
                .Where(p => p != null);

            Assert.True(files.Count > 50, "the cmdlet files were not found");
            Assert.Empty(problems);
        }

        [Fact]
        public void The_check_sees_a_second_type_a_misnamed_file_and_a_namespace_off_its_folder()
        {
            const string TwoTypes = "namespace LabelOps.Engine\n{\n    internal sealed class Page<T>\n    {\n        private sealed class Nested { }\n    }\n\n    internal sealed class PageRange { }\n}\n";
            const string FileScoped = "namespace LabelOps.Emulator.Faults;\n\npublic sealed class FaultPlan\n{\n    public enum Kind { A }\n}\n";

            Assert.Single(Violations("Page.cs", TwoTypes, "LabelOps.Engine"));
            Assert.Single(Violations("Range.cs", TwoTypes.Replace("    internal sealed class PageRange { }\n", string.Empty), "LabelOps.Engine"));
            Assert.Empty(Violations("FaultPlan.cs", FileScoped, "LabelOps.Emulator.Faults"));
            Assert.Single(Violations("FaultPlan.cs", FileScoped, "LabelOps.Emulator"));
        }
    }
}
