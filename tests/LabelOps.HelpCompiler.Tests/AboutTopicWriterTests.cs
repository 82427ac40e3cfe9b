using System;
using System.Linq;
using Xunit;

namespace LabelOps.HelpCompiler.Tests
{
    public class AboutTopicWriterTests
    {
        private static string[] Lines(string text)
        {
            Assert.DoesNotContain("\r\r", text);
            Assert.DoesNotMatch("[^\r]\n", text); // every line ends with CRLF
            return text.Split("\r\n");
        }

        [Fact]
        public void About_topic_renders_in_the_classic_layout()
        {
            string text = AboutTopicWriter.Render(TestFiles.Read("about_LabelOps.md"), "docs/en-US/about_LabelOps.md");
            string[] lines = Lines(text);

            Assert.Equal("TOPIC", lines[0]);
            Assert.Equal("    about_LabelOps", lines[1]);
            Assert.Equal("", lines[2]);
            Assert.Equal("SHORT DESCRIPTION", lines[3]);
            // Get-Help takes line 5 as the topic's synopsis, so the short description is not wrapped.
            Assert.Equal("    Explains how LabelOps connects to a labelling service and how its cmdlets are organised.", lines[4]);
            Assert.Equal("", lines[5]);
            Assert.Contains("LONG DESCRIPTION", lines);
            Assert.Contains("  CONNECTING", lines);          // ### heading: upper-cased, indented
            Assert.Contains("SEE ALSO", lines);
            Assert.Contains("        Connect-LabelOps -Uri https://labels.example.org", lines); // code indented 8
            Assert.Contains("    - Get-LabelOpsLabel", lines);  // link text only for relative links
            Assert.DoesNotContain(lines, l => l.Contains("---") || l.Contains("schema:") || l.StartsWith("#"));

            // Other paragraphs wrap at 80 columns and keep every word.
            Assert.All(lines.Skip(5), l => Assert.True(l.Length <= AboutTopicWriter.LineWidth, $"too long: '{l}'"));
            int start = Array.IndexOf(lines, "LONG DESCRIPTION") + 1;
            string paragraph = string.Join(" ", lines.Skip(start).TakeWhile(l => l.Length > 0).Select(l => l.Trim()));
            Assert.Equal("LabelOps is a PowerShell module for managing labelling projects. This paragraph is deliberately long enough to be wrapped at eighty columns by the converter.", paragraph);
            Assert.True(lines.Skip(start).TakeWhile(l => l.Length > 0).Count() > 1);

            // A wrapped list item continues under its text.
            int item = Array.FindIndex(lines, l => l.StartsWith("    - First item", StringComparison.Ordinal));
            Assert.StartsWith("      ", lines[item + 1]);
            Assert.NotEqual('-', lines[item + 1].Trim()[0]);
        }

        [Fact]
        public void PlatyPS_template_layout_is_accepted()
        {
            string md = "# about_Thing\n## about_Thing\n\n# SHORT DESCRIPTION\nA thing.\n\n# LONG DESCRIPTION\nMore about it.\n\n## A Subsection\nDetails.\n\n# KEYWORDS\n- thing\n";
            string[] lines = Lines(AboutTopicWriter.Render(md, "about_Thing.md"));
            Assert.Equal(new[]
            {
                "TOPIC", "    about_Thing", "",
                "SHORT DESCRIPTION", "    A thing.", "",
                "LONG DESCRIPTION", "    More about it.", "",
                "  A SUBSECTION", "    Details.", "",
                "KEYWORDS", "    - thing", "",
            }, lines);
        }

        [Fact]
        public void Output_file_name_follows_the_markdown_name()
        {
            Assert.Equal("about_LabelOps.help.txt", AboutTopicWriter.OutputFileName("/x/docs/en-US/about_LabelOps.md"));
        }
    }
}
