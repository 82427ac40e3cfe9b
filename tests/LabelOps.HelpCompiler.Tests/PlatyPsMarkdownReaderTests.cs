using System.Linq;
using Xunit;

namespace LabelOps.HelpCompiler.Tests
{
    public class PlatyPsMarkdownReaderTests
    {
        private const string Front = "---\nexternal help file: LabelOps.dll-Help.xml\nModule Name: LabelOps\nonline version:\nschema: 2.0.0\n---\n\n";

        [Fact]
        public void Missing_synopsis_fails_naming_the_file()
        {
            string md = Front + "# Get-Thing\n\n## DESCRIPTION\nGets a thing.\n";
            var e = Assert.Throws<HelpCompilerException>(() => PlatyPsMarkdownReader.ReadCommand(md, "docs/en-US/Get-Thing.md"));
            Assert.Equal("docs/en-US/Get-Thing.md", e.FilePath);
            Assert.Contains("docs/en-US/Get-Thing.md", e.Message);
            Assert.Contains("SYNOPSIS", e.Message);
            Assert.Equal(8, e.Line); // the "# Get-Thing" title line
        }

        [Fact]
        public void Empty_synopsis_fails()
        {
            string md = Front + "# Get-Thing\n\n## SYNOPSIS\n\n## DESCRIPTION\nGets a thing.\n";
            var e = Assert.Throws<HelpCompilerException>(() => PlatyPsMarkdownReader.ReadCommand(md, "Get-Thing.md"));
            Assert.Contains("SYNOPSIS", e.Problem);
            Assert.Equal(10, e.Line);
        }

        [Fact]
        public void Unterminated_example_code_fails_with_file_and_line()
        {
            string md = Front + "# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n\n## EXAMPLES\n\n### Example 1\n```powershell\nGet-Thing\n\nIt gets a thing.\n";
            var e = Assert.Throws<HelpCompilerException>(() => PlatyPsMarkdownReader.ReadCommand(md, "docs/en-US/Get-Thing.md"));
            Assert.Equal("docs/en-US/Get-Thing.md", e.FilePath);
            Assert.Equal(16, e.Line);
            Assert.Contains("never closed", e.Message);
            Assert.StartsWith("docs/en-US/Get-Thing.md(16): error LOHELP001:", e.Message);
        }

        [Fact]
        public void Only_a_synopsis_is_enough()
        {
            string md = "# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n";
            CommandHelp help = PlatyPsMarkdownReader.ReadCommand(md, "Get-Thing.md");
            Assert.Equal("Get-Thing", help.Name);
            Assert.Equal(new[] { "Gets a thing." }, help.Synopsis);
            Assert.Empty(help.Parameters);
            Assert.Empty(help.Examples);

            string xml = MamlWriter.WriteToString(new[] { help });
            Assert.Contains("<command:name>Get-Thing</command:name>", xml);
            Assert.Contains("<command:syntaxItem>", xml); // a single, parameterless syntax item
            Assert.DoesNotContain("command:examples", xml);
            Assert.DoesNotContain("maml:alertSet", xml);
        }

        [Fact]
        public void Unknown_section_is_reported_with_its_line()
        {
            string md = "# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n\n## PARAMETER\n";
            var e = Assert.Throws<HelpCompilerException>(() => PlatyPsMarkdownReader.ReadCommand(md, "Get-Thing.md"));
            Assert.Equal(6, e.Line);
            Assert.Contains("PARAMETER", e.Problem);
        }

        [Fact]
        public void Bad_yaml_values_are_reported_with_their_line()
        {
            string md = "# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n\n## PARAMETERS\n\n### -Path\nThe path.\n\n```yaml\nType: String\nRequired: maybe\n```\n";
            var e = Assert.Throws<HelpCompilerException>(() => PlatyPsMarkdownReader.ReadCommand(md, "Get-Thing.md"));
            Assert.Equal(13, e.Line);
            Assert.Contains("-Path", e.Problem);
        }

        [Fact]
        public void Newer_platyps_schema_is_refused_clearly()
        {
            string md = "---\nschema: 2024-05-01\n---\n# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n";
            var e = Assert.Throws<HelpCompilerException>(() => PlatyPsMarkdownReader.ReadCommand(md, "Get-Thing.md"));
            Assert.Contains("2024-05-01", e.Problem);
        }

        [Fact]
        public void Parameter_without_yaml_appears_in_every_set_and_common_parameters_are_noted()
        {
            string md = "# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n\n## PARAMETERS\n\n### -A\nIn set One.\n\n```yaml\nType: String\nParameter Sets: One\nRequired: True\nPosition: 0\n```\n\n" +
                        "### -B\nIn set Two.\n\n```yaml\nType: String\nParameter Sets: Two\n```\n\n### -C\nNo metadata.\n\n### CommonParameters\nSee about_CommonParameters.\n";
            CommandHelp help = PlatyPsMarkdownReader.ReadCommand(md, "Get-Thing.md");
            Assert.True(help.SupportsCommonParameters);
            Assert.Equal(new[] { "A", "B", "C" }, help.Parameters.Select(p => p.Name));

            var syntax = help.BuildSyntax();
            Assert.Equal(new[] { "One", "Two" }, syntax.Select(s => s.ParameterSetName));
            Assert.Equal(new[] { "A", "C" }, syntax[0].Parameters.Select(p => p.Parameter.Name));
            Assert.Equal(new[] { "B", "C" }, syntax[1].Parameters.Select(p => p.Parameter.Name));
            Assert.Equal("Object", help.Parameters[2].Primary.Type);
        }

        [Fact]
        public void Example_text_before_the_code_goes_first_in_the_remarks()
        {
            string md = "# Get-Thing\n\n## SYNOPSIS\nGets a thing.\n\n## EXAMPLES\n\n### Example 1: Intro\nThis example shows intro text.\n\n```powershell\nGet-Thing\n```\n\nAfter the code.\n";
            ExampleHelp example = Assert.Single(PlatyPsMarkdownReader.ReadCommand(md, "Get-Thing.md").Examples);
            Assert.Equal("Example 1: Intro", example.Title);
            Assert.Equal("Get-Thing", example.Code);
            Assert.Equal(new[] { "This example shows intro text.", "After the code." }, example.Remarks);
        }

        [Theory]
        [InlineData("Plain text.", "Plain text.")]
        [InlineData("A **bold** and *italic* word.", "A bold and italic word.")]
        [InlineData("See [about_Foo](about_Foo.md).", "See about_Foo.")]
        [InlineData("See [the docs](https://example.org/x).", "See the docs (https://example.org/x).")]
        [InlineData("Keep `code *span*` as is.", "Keep `code *span*` as is.")]
        [InlineData("Escaped \\<CommonParameters\\> and \\*stars\\*.", "Escaped <CommonParameters> and *stars*.")]
        [InlineData("about_Snake_Case_Names stay", "about_Snake_Case_Names stay")]
        public void Inline_markdown_is_flattened(string markdown, string expected)
        {
            Assert.Equal(expected, HelpMarkdown.PlainText(markdown));
        }

        [Fact]
        public void Classify_tells_cmdlets_about_topics_and_module_pages_apart()
        {
            HelpMarkdown Parse(string s) => HelpMarkdown.Parse(s, "x.md");
            Assert.Equal(HelpFileKind.Command, PlatyPsMarkdownReader.Classify("Get-Thing.md", Parse("# Get-Thing\n## SYNOPSIS\nx\n")));
            Assert.Equal(HelpFileKind.Command, PlatyPsMarkdownReader.Classify("Thing.md", Parse("---\nexternal help file: LabelOps.dll-Help.xml\n---\n# Thing\n")));
            Assert.Equal(HelpFileKind.AboutTopic, PlatyPsMarkdownReader.Classify("about_Thing.md", Parse("# about_Thing\n")));
            Assert.Equal(HelpFileKind.Other, PlatyPsMarkdownReader.Classify("LabelOps.md", Parse("---\nModule Name: LabelOps\n---\n# LabelOps Module\n")));
        }
    }
}
