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
            IReadOnlyList<Block> blocks = document.Blocks;
            string topicName = Path.GetFileNameWithoutExtension(filePath);
            int index = 0;

            if (blocks.Count > 0 && blocks[0].Kind == BlockKind.Heading && blocks[0].Level == 1)
            {
                string title = HelpMarkdown.PlainText(blocks[0].Text).Trim();
                if (!topicName.StartsWith("about_", StringComparison.OrdinalIgnoreCase) && title.Length > 0)
                {
                    topicName = title;
                }

                index = 1;
            }

            // The PlatyPS template repeats the name as "## about_Name" under the title.
            if (index < blocks.Count && blocks[index].Kind == BlockKind.Heading &&
                string.Equals(HelpMarkdown.PlainText(blocks[index].Text).Trim(), topicName, StringComparison.OrdinalIgnoreCase))
            {
                index++;
            }

            Block? firstSection = blocks.Skip(index).FirstOrDefault(b => b.Kind == BlockKind.Heading);
            int sectionLevel = firstSection?.Level ?? 2;

            var lines = new List<string> { "TOPIC", Indent + topicName, string.Empty };
            bool afterHeading = true;
            string section = string.Empty;
            bool synopsisWritten = false;

            for (; index < blocks.Count; index++)
            {
                Block block = blocks[index];
                if (block.Kind == BlockKind.Heading)
                {
                    EnsureBlank(lines);
                    string text = HelpMarkdown.PlainText(block.Text).Trim().ToUpperInvariant();
                    int depth = Math.Min(2, Math.Max(0, block.Level - sectionLevel));
                    lines.Add(new string(' ', depth * 2) + text);
                    afterHeading = true;
                    section = text;
                    continue;
                }

                if (!afterHeading)
                {
                    EnsureBlank(lines);
                }

                afterHeading = false;
                if (section == "SHORT DESCRIPTION" && !synopsisWritten && block.Kind == BlockKind.Paragraph)
                {
                    // Get-Help lists line 5 of the file as the topic's synopsis, so the short description is
                    // kept on one line (however long) instead of being wrapped.
                    lines.Add(Indent + HelpMarkdown.JoinLines(block.Lines));
                    synopsisWritten = true;
                    continue;
                }

                RenderBlock(block, lines);
            }

            while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            var sb = new StringBuilder();
            foreach (string line in lines)
            {
                sb.Append(line.TrimEnd()).Append("\r\n");
            }

            return sb.ToString();
        }

        private static void EnsureBlank(List<string> lines)
        {
            if (lines.Count > 0 && lines[lines.Count - 1].Length != 0)
            {
                lines.Add(string.Empty);
            }
        }

        private static void RenderBlock(Block block, List<string> lines)
        {
            switch (block.Kind)
            {
                case BlockKind.Paragraph:
                    lines.AddRange(Wrap(HelpMarkdown.JoinLines(block.Lines), Indent, Indent));
                    break;
                case BlockKind.Quote:
                    lines.AddRange(Wrap(PlatyPsMarkdownReader.QuoteText(block.Lines), Indent, Indent));
                    break;
                case BlockKind.List:
                    foreach (ListItem item in block.Items)
                    {
                        string first = Indent + item.Marker + " ";
                        lines.AddRange(Wrap(HelpMarkdown.JoinLines(item.Lines), first, new string(' ', first.Length)));
                    }

                    break;
                case BlockKind.Code:
                    lines.AddRange(block.Lines.Select(code => code.Length == 0 ? string.Empty : CodeIndent + code));
                    break;
            }
        }

        /// <summary>Word-wraps <paramref name="text"/> to <see cref="LineWidth"/> columns; a word longer than a line gets a line of its own.</summary>
        internal static IEnumerable<string> Wrap(string text, string firstIndent, string nextIndent)
        {
            string[] words = text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                yield return string.Empty;
                yield break;
            }

            var line = new StringBuilder(firstIndent);
            int lineStartLength = firstIndent.Length;
            foreach (string word in words)
            {
                bool lineEmpty = line.Length == lineStartLength;
                if (!lineEmpty && line.Length + 1 + word.Length > LineWidth)
                {
                    yield return line.ToString();
                    line.Clear().Append(nextIndent);
                    lineStartLength = nextIndent.Length;
                    lineEmpty = true;
                }

                if (!lineEmpty)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }

            yield return line.ToString();
        }
    }
}
