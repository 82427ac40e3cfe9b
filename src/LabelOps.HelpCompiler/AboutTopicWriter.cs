using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// Renders a PlatyPS about-topic markdown file as the plain text PowerShell shows for
    /// Get-Help about_Name, laid out like the classic about_*.help.txt files:
    /// <code>
    /// TOPIC
    ///     about_Name
    ///
    /// SHORT DESCRIPTION
    ///     One line.        &lt;- line 5: Get-Help lists this line as the topic's synopsis (never wrapped)
    ///
    /// LONG DESCRIPTION
    ///     Text wrapped at 80 columns, indented four spaces.
    ///
    ///   SUBSECTION
    ///     Text.
    ///
    ///         code, indented eight spaces
    /// </code>
    /// Both the PlatyPS template ("# about_X", "## about_X", "# SHORT DESCRIPTION", ...) and the
    /// PowerShell-Docs layout ("# about_X", "## Short description", "### Subsection") are accepted.
    /// </summary>
    public static class AboutTopicWriter
    {
        public const int LineWidth = 80;
        private const string Indent = "    ";
        private const string CodeIndent = "        ";

        /// <summary>"docs/en-US/about_LabelOps.md" -> "about_LabelOps.help.txt".</summary>
        public static string OutputFileName(string markdownPath) =>
            Path.GetFileNameWithoutExtension(markdownPath) + ".help.txt";

        /// <summary>Renders the about topic in <paramref name="markdown"/>; lines end with CRLF, like shipped about files.</summary>
        public static string Render(string markdown, string filePath) =>
            Render(HelpMarkdown.Parse(markdown, filePath), filePath);

        public static string Render(HelpMarkdown document, string filePath)
        {
            List<Block> blocks = document.Blocks.ToList();
            string topicName = Path.GetFileNameWithoutExtension(filePath);
            int index = 0;
            if (blocks.Count > 0 && blocks[0].Kind == BlockKind.Heading && blocks[0].Level == 1)
            {
                string title = HelpMarkdown.PlainText(blocks[0].Text).Trim();
                topicName = topicName.StartsWith("about_", StringComparison.OrdinalIgnoreCase) || title.Length == 0 ? topicName : title;
                index = 1;
            }

            // The PlatyPS template repeats the name as "## about_Name" under the title.
            if (index < blocks.Count && blocks[index].Kind == BlockKind.Heading &&
                string.Equals(HelpMarkdown.PlainText(blocks[index].Text).Trim(), topicName, StringComparison.OrdinalIgnoreCase))
            {
                index++;
            }

            int sectionLevel = blocks.Skip(index).FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Level ?? 2;
            var lines = new List<string> { "TOPIC", Indent + topicName, string.Empty };
            bool afterHeading = true;
            string section = string.Empty;
            bool synopsisWritten = false;
            foreach (Block block in blocks.Skip(index))
            {
                bool heading = block.Kind == BlockKind.Heading;
                if ((heading || !afterHeading) && lines[^1].Length != 0)
                {
                    lines.Add(string.Empty);
                }

                afterHeading = heading;
                if (heading)
                {
                    section = HelpMarkdown.PlainText(block.Text).Trim().ToUpperInvariant();
                    lines.Add(new string(' ', 2 * Math.Clamp(block.Level - sectionLevel, 0, 2)) + section);
                }
                else if (section == "SHORT DESCRIPTION" && !synopsisWritten && block.Kind == BlockKind.Paragraph)
                {
                    // Get-Help lists line 5 of the file as the topic's synopsis, so the short description is
                    // kept on one line (however long) instead of being wrapped.
                    lines.Add(Indent + HelpMarkdown.JoinLines(block.Lines));
                    synopsisWritten = true;
                }
                else
                {
                    lines.AddRange(block.Kind switch
                    {
                        BlockKind.Paragraph => Wrap(HelpMarkdown.JoinLines(block.Lines), Indent, Indent),
                        BlockKind.Quote => Wrap(PlatyPsMarkdownReader.QuoteText(block.Lines), Indent, Indent),
                        BlockKind.List => block.Items.SelectMany(item =>
                            Wrap(HelpMarkdown.JoinLines(item.Lines), Indent + item.Marker + " ", new string(' ', Indent.Length + item.Marker.Length + 1))),
                        _ => block.Lines.Select(code => code.Length == 0 ? string.Empty : CodeIndent + code),
                    });
                }
            }

            int end = lines.FindLastIndex(l => l.Length > 0);
            return string.Concat(lines.Take(end + 1).Select(l => l.TrimEnd() + "\r\n"));
        }

        /// <summary>Word-wraps <paramref name="text"/> to <see cref="LineWidth"/> columns; a word longer than a line gets a line of its own.</summary>
        internal static IEnumerable<string> Wrap(string text, string firstIndent, string nextIndent)
        {
            var line = new StringBuilder();
            string indent = firstIndent;
            foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && indent.Length + line.Length + 1 + word.Length > LineWidth)
                {
                    yield return indent + line;
                    line.Clear();
                    indent = nextIndent;
                }

                line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
            }

            yield return line.Length == 0 ? string.Empty : indent + line;
        }
    }
}
