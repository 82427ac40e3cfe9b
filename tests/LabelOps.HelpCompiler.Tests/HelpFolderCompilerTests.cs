using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace LabelOps.HelpCompiler.Tests
{
    public class HelpFolderCompilerTests
    {
        [Fact]
        public void Folder_compiles_to_one_maml_file_and_about_text_files()
        {
            using TempFolder docs = TestFiles.NewTempFolder();
            using TempFolder output = TestFiles.NewTempFolder();
            docs.Write("Get-LabelOpsLabel.md", TestFiles.Read("Get-LabelOpsLabel.md"));
            docs.Write("Remove-LabelOpsLabel.md", "---\nexternal help file: LabelOps.dll-Help.xml\nschema: 2.0.0\n---\n# Remove-LabelOpsLabel\n\n## SYNOPSIS\nRemoves a label.\n");
            docs.Write("about_LabelOps.md", TestFiles.Read("about_LabelOps.md"));
            docs.Write("LabelOps.md", "---\nModule Name: LabelOps\n---\n# LabelOps Module\n## Description\nModule page.\n");

            string outDir = Path.Combine(output.Path, "en-US");
            int rc = Program.Run(new[] { docs.Path, outDir }, TextWriter.Null, TextWriter.Null);

            Assert.Equal(0, rc);
            Assert.Equal(new[] { "LabelOps.dll-Help.xml", "about_LabelOps.help.txt" },
                Directory.GetFiles(outDir).Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal));

            byte[] bytes = File.ReadAllBytes(Path.Combine(outDir, "LabelOps.dll-Help.xml"));
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3)); // UTF-8 BOM, as New-ExternalHelp writes
            XDocument maml = XDocument.Load(Path.Combine(outDir, "LabelOps.dll-Help.xml"));
            XNamespace cmd = "http://schemas.microsoft.com/maml/dev/command/2004/10";
            Assert.Equal(new[] { "Get-LabelOpsLabel", "Remove-LabelOpsLabel" },
                maml.Root!.Elements(cmd + "command").Select(c => c.Element(cmd + "details")!.Element(cmd + "name")!.Value));

            Assert.StartsWith("TOPIC", File.ReadAllText(Path.Combine(outDir, "about_LabelOps.help.txt")));
        }

        [Fact]
        public void Problems_in_several_files_are_all_reported_and_nothing_is_written()
        {
            using TempFolder docs = TestFiles.NewTempFolder();
            using TempFolder output = TestFiles.NewTempFolder();
            docs.Write("Get-Good.md", "# Get-Good\n\n## SYNOPSIS\nFine.\n");
            docs.Write("Get-NoSynopsis.md", "# Get-NoSynopsis\n\n## DESCRIPTION\nNo synopsis here.\n");
            docs.Write("Get-OpenFence.md", "# Get-OpenFence\n\n## SYNOPSIS\nX.\n\n## EXAMPLES\n\n### Example 1\n```powershell\nGet-OpenFence\n");

            var stderr = new StringWriter();
            int rc = Program.Run(new[] { docs.Path, output.Path }, TextWriter.Null, stderr);

            Assert.Equal(1, rc);
            string err = stderr.ToString();
            Assert.Contains("Get-NoSynopsis.md(1): error LOHELP001:", err);
            Assert.Contains("SYNOPSIS", err);
            Assert.Contains("Get-OpenFence.md(9): error LOHELP001:", err);
            Assert.DoesNotContain("Get-Good.md", err);
            Assert.Empty(Directory.GetFiles(output.Path));
        }

        [Fact]
        public void Disagreeing_external_help_file_names_are_an_error()
        {
            using TempFolder docs = TestFiles.NewTempFolder();
            using TempFolder output = TestFiles.NewTempFolder();
            docs.Write("Get-A.md", "---\nexternal help file: LabelOps.dll-Help.xml\n---\n# Get-A\n\n## SYNOPSIS\nA.\n");
            docs.Write("Get-B.md", "---\nexternal help file: Other.dll-Help.xml\n---\n# Get-B\n\n## SYNOPSIS\nB.\n");

            var e = Assert.Throws<HelpCompilationFailedException>(() => HelpFolderCompiler.Compile(docs.Path, output.Path));
            Assert.Contains("Other.dll-Help.xml", Assert.Single(e.Errors).Problem);
        }

        [Fact]
        public void Wrong_command_line_prints_usage()
        {
            var stderr = new StringWriter();
            Assert.Equal(2, Program.Run(new[] { "only-one" }, TextWriter.Null, stderr));
            Assert.Contains("Usage: LabelOps.HelpCompiler <markdownFolder> <outputFolder>", stderr.ToString());
        }

        [Fact]
        public void Missing_markdown_folder_is_reported()
        {
            var stderr = new StringWriter();
            Assert.Equal(2, Program.Run(new[] { "/nonexistent/docs", "/tmp/x" }, TextWriter.Null, stderr));
            Assert.Contains("/nonexistent/docs", stderr.ToString());
        }
    }
}
