using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace LabelOps.HelpCompiler.Markdown
{
    /// <summary>
    /// A small block-level markdown parser, enough for PlatyPS help files: YAML front matter,
    /// ATX and setext headings, paragraphs, fenced (``` or ~~~) and indented code, bullet and
    /// ordered lists (nesting flattened to a depth), pipe tables, block quotes, HTML comments
    /// (dropped) and thematic breaks (dropped). It is strict about one thing: a fenced code block
    /// that never closes is an error, because it would silently swallow the rest of the file.
    /// </summary>
    public static class MarkdownParser
    {
        private static readonly Regex FenceOpen = new Regex(@"^(?<indent>[ \t]*)(?<fence>`{3,}|~{3,})[ \t]*(?<info>[^`\s]*)[^`]*$", RegexOptions.CultureInvariant);
        private static readonly Regex Heading = new Regex(@"^ {0,3}(?<hashes>#{1,6})(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex ListItem = new Regex(@"^(?<indent> *)(?<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?<text>.*)|[ \t]*)$", RegexOptions.CultureInvariant);
        private static readonly Regex ThematicBreak = new Regex(@"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex QuoteLine = new Regex(@"^ {0,3}> ?(?<text>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex SetextH1 = new Regex(@"^ {0,3}=+[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex SetextH2 = new Regex(@"^ {0,3}-+[ \t]*$", RegexOptions.CultureInvariant);

        /// <summary>Parses <paramref name="text"/>; <paramref name="filePath"/> is used only in error messages.</summary>
        /// <exception cref="HelpCompilerException">Unterminated front matter or fenced code block.</exception>
        public static MarkdownDocument Parse(string text, string filePath)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            string[] lines = SplitLines(text);
            int start = 0;
            var frontMatter = ReadFrontMatter(lines, filePath, ref start);
            var blocks = new List<MarkdownBlock>();

            int i = start;
            while (i < lines.Length)
            {
                string line = lines[i];
                if (IsBlank(line))
                {
                    i++;
                    continue;
                }

                Match m;
                if ((m = FenceOpen.Match(line)).Success)
                {
                    blocks.Add(ReadFence(lines, ref i, m, filePath));
                    continue;
                }

                if (IsIndentedCode(line))
                {
                    blocks.Add(ReadIndentedCode(lines, ref i));
                    continue;
                }

                if ((m = Heading.Match(line)).Success)
                {
                    blocks.Add(MarkdownBlock.Heading(i + 1, m.Groups["hashes"].Length, m.Groups["text"].Value.Trim()));
                    i++;
                    continue;
                }

                if (line.TrimStart().StartsWith("<!--", StringComparison.Ordinal))
                {
                    SkipHtmlComment(lines, ref i);
                    continue;
                }

                if (ThematicBreak.IsMatch(line))
                {
                    i++;
                    continue;
                }

                if (ListItem.IsMatch(line))
                {
                    blocks.Add(ReadList(lines, ref i));
                    continue;
                }

                if (IsTableLine(line))
                {
                    int tableStart = i;
                    var rows = new List<string>();
                    while (i < lines.Length && IsTableLine(lines[i]))
                    {
                        rows.Add(lines[i].Trim());
                        i++;
                    }

                    blocks.Add(MarkdownBlock.Table(tableStart + 1, rows));
                    continue;
                }

                if (QuoteLine.IsMatch(line))
                {
                    int quoteStart = i;
                    var quoted = new List<string>();
                    while (i < lines.Length && (m = QuoteLine.Match(lines[i])).Success)
                    {
                        quoted.Add(m.Groups["text"].Value.Trim());
                        i++;
                    }

                    blocks.Add(MarkdownBlock.Quote(quoteStart + 1, quoted));
                    continue;
                }

                blocks.Add(ReadParagraph(lines, ref i));
            }

            return new MarkdownDocument(frontMatter, blocks);
        }

        /// <summary>
        /// Parses "key: value" lines (the only YAML PlatyPS uses in front matter and parameter blocks).
        /// Blank lines and '#' comments are skipped; a line without ':' is reported through
        /// <paramref name="invalidLine"/> (index into <paramref name="lines"/>) and parsing stops.
        /// </summary>
        public static Dictionary<string, string> ParseKeyValueLines(IReadOnlyList<string> lines, out int invalidLine)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            invalidLine = -1;
            for (int i = 0; i < lines.Count; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    invalidLine = i;
                    return result;
                }

                string key = line.Substring(0, colon).Trim();
                string value = Unquote(line.Substring(colon + 1).Trim());
                result[key] = value;
            }

            return result;
        }

        private static string Unquote(string value)
        {
            if (value.Length >= 2 &&
                ((value[0] == '\'' && value[value.Length - 1] == '\'') || (value[0] == '"' && value[value.Length - 1] == '"')))
            {
                return value.Substring(1, value.Length - 2);
            }

            return value;
        }

        private static string[] SplitLines(string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            return text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        }

        private static IReadOnlyDictionary<string, string> ReadFrontMatter(string[] lines, string filePath, ref int start)
        {
            if (lines.Length == 0 || lines[0].Trim() != "---")
            {
                return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }

            for (int i = 1; i < lines.Length; i++)
            {
                string t = lines[i].Trim();
                if (t == "---" || t == "...")
                {
                    var body = new List<string>();
                    for (int j = 1; j < i; j++)
                    {
                        // Front matter may hold YAML lists or nested values PlatyPS does not use; keep only
                        // top-level "key: value" lines.
                        if (lines[j].Length > 0 && !char.IsWhiteSpace(lines[j][0]) && lines[j].Contains(':'))
                        {
                            body.Add(lines[j]);
                        }
                    }

                    start = i + 1;
                    return ParseKeyValueLines(body, out _);
                }
            }

            throw new HelpCompilerException(filePath, 1, "The YAML front matter that starts on line 1 is never closed with a '---' line.");
        }

        private static bool IsBlank(string line) => line.Trim().Length == 0;

        private static int IndentWidth(string line)
        {
            int width = 0;
            foreach (char c in line)
            {
                if (c == ' ')
                {
                    width++;
                }
                else if (c == '\t')
                {
                    width += 4 - (width % 4);
                }
                else
                {
                    break;
                }
            }

            return width;
        }

        private static bool IsIndentedCode(string line) => !IsBlank(line) && IndentWidth(line) >= 4;

        private static bool IsTableLine(string line) => line.TrimStart().StartsWith("|", StringComparison.Ordinal);

        private static MarkdownBlock ReadFence(string[] lines, ref int i, Match open, string filePath)
        {
            int openLine = i;
            string fence = open.Groups["fence"].Value;
            int indent = IndentWidth(open.Groups["indent"].Value);
            string info = open.Groups["info"].Value;
            var content = new List<string>();
            i++;
            while (i < lines.Length)
            {
                string t = lines[i].Trim();
                if (t.Length >= fence.Length && t[0] == fence[0] && t.Trim(fence[0]).Length == 0)
                {
                    i++;
                    return MarkdownBlock.Code(openLine + 1, info, content);
                }

                content.Add(RemoveIndent(lines[i], indent).TrimEnd());
                i++;
            }

            string what = info.Length > 0 ? $"fenced code block ({fence}{info})" : $"fenced code block ({fence})";
            throw new HelpCompilerException(filePath, openLine + 1,
                $"The {what} that starts on line {openLine + 1} is never closed; add a closing {fence} line.");
        }

        private static string RemoveIndent(string line, int indent)
        {
            int removed = 0;
            int pos = 0;
            while (pos < line.Length && removed < indent && (line[pos] == ' ' || line[pos] == '\t'))
            {
                removed += line[pos] == '\t' ? 4 - (removed % 4) : 1;
                pos++;
            }

            return line.Substring(pos);
        }

        private static MarkdownBlock ReadIndentedCode(string[] lines, ref int i)
        {
            int start = i;
            var content = new List<string>();
            while (i < lines.Length)
            {
                if (IsIndentedCode(lines[i]))
                {
                    content.Add(RemoveIndent(lines[i], 4).TrimEnd());
                    i++;
                    continue;
                }

                if (IsBlank(lines[i]))
                {
                    int j = i;
                    while (j < lines.Length && IsBlank(lines[j]))
                    {
                        j++;
                    }

                    if (j < lines.Length && IsIndentedCode(lines[j]))
                    {
                        for (; i < j; i++)
                        {
                            content.Add(string.Empty);
                        }

                        continue;
                    }
                }

                break;
            }

            return MarkdownBlock.Code(start + 1, string.Empty, content);
        }

        private static void SkipHtmlComment(string[] lines, ref int i)
        {
            while (i < lines.Length)
            {
                bool closes = lines[i].Contains("-->");
                i++;
                if (closes)
                {
                    return;
                }
            }
        }

        /// <summary>True when <paramref name="line"/> starts a block that interrupts a paragraph or list item text.</summary>
        private static bool StartsOtherBlock(string line) =>
            Heading.IsMatch(line) ||
            FenceOpen.IsMatch(line) ||
            IsTableLine(line) ||
            QuoteLine.IsMatch(line) ||
            ThematicBreak.IsMatch(line) ||
            line.TrimStart().StartsWith("<!--", StringComparison.Ordinal);

        private static MarkdownBlock ReadParagraph(string[] lines, ref int i)
        {
            int start = i;
            var text = new List<string>();
            while (i < lines.Length)
            {
                string line = lines[i];
                if (IsBlank(line))
                {
                    break;
                }

                if (text.Count > 0)
                {
                    if (SetextH1.IsMatch(line) || SetextH2.IsMatch(line))
                    {
                        int level = SetextH1.IsMatch(line) ? 1 : 2;
                        i++;
                        return MarkdownBlock.Heading(start + 1, level, string.Join(" ", text).Replace("\n", string.Empty).Trim());
                    }

                    if (StartsOtherBlock(line) || ListItem.IsMatch(line))
                    {
                        break;
                    }
                }

                text.Add(ParagraphLine(line));
                i++;
            }

            return MarkdownBlock.Paragraph(start + 1, text);
        }

        /// <summary>Trims a paragraph line, turning a hard line break (two trailing spaces or '\') into a trailing "\n".</summary>
        private static string ParagraphLine(string line)
        {
            bool hardBreak = line.EndsWith("  ", StringComparison.Ordinal);
            string t = line.Trim();
            if (t.EndsWith("\\", StringComparison.Ordinal) && !t.EndsWith("\\\\", StringComparison.Ordinal))
            {
                hardBreak = true;
                t = t.Substring(0, t.Length - 1).TrimEnd();
            }

            return hardBreak ? t + "\n" : t;
        }

        private static MarkdownBlock ReadList(string[] lines, ref int i)
        {
            int start = i;
            var items = new List<MarkdownListItem>();
            int baseIndent = IndentWidth(lines[i]);
            MarkdownListItem? current = null;

            while (i < lines.Length)
            {
                string line = lines[i];
                Match m = ListItem.Match(line);
                if (m.Success && IndentWidth(line) >= baseIndent && !ThematicBreak.IsMatch(line))
                {
                    int indent = IndentWidth(line);
                    int depth = Math.Max(0, (indent - baseIndent) / 2);
                    string marker = m.Groups["marker"].Value;
                    bool ordered = char.IsDigit(marker[0]);
                    current = new MarkdownListItem(depth, ordered, ordered ? marker.TrimEnd(')').TrimEnd('.') + "." : "-", new List<string>());
                    string first = m.Groups["text"].Value;
                    if (first.Trim().Length > 0)
                    {
                        current.Lines.Add(ParagraphLine(first));
                    }

                    items.Add(current);
                    i++;
                    continue;
                }

                if (IsBlank(line))
                {
                    // A blank line ends the list unless the next text is another item or an indented continuation.
                    int j = i;
                    while (j < lines.Length && IsBlank(lines[j]))
                    {
                        j++;
                    }

                    if (j < lines.Length && !FenceOpen.IsMatch(lines[j]) &&
                        ((ListItem.IsMatch(lines[j]) && IndentWidth(lines[j]) >= baseIndent && !ThematicBreak.IsMatch(lines[j])) ||
                         (current != null && IndentWidth(lines[j]) >= baseIndent + 2)))
                    {
                        if (!ListItem.IsMatch(lines[j]) && current != null)
                        {
                            // A second paragraph inside the same item.
                            current.Lines.Add("\n");
                        }

                        i = j;
                        continue;
                    }

                    break;
                }

                if (current != null && !StartsOtherBlock(line))
                {
                    // Continuation line of the current item (indented or lazy).
                    current.Lines.Add(ParagraphLine(line));
                    i++;
                    continue;
                }

                break;
            }

            return MarkdownBlock.List(start + 1, items);
        }
    }
}
