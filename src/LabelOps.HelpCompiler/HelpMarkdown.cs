using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// A help markdown file read as the blocks PlatyPS files are made of: front matter ("key: value" lines),
    /// ATX headings, paragraphs, fenced and indented code, "-" and "1." lists (with continuation lines) and
    /// quotes. The inline markup the docs use (code spans, links, bold, italic, backslash escapes) stays in the
    /// text until <see cref="PlainText"/> flattens it. A fenced code block that never closes is an error,
    /// because it would silently swallow the rest of the file.
    /// </summary>
    public sealed record HelpMarkdown(IReadOnlyDictionary<string, string> FrontMatter, IReadOnlyList<Block> Blocks)
    {
        private static readonly Regex Fence = new Regex(@"^\s*(?<fence>`{3,})\s*(?<info>[^`\s]*)[^`]*$", RegexOptions.CultureInvariant);
        private static readonly Regex Heading = new Regex(@"^ {0,3}(?<hashes>#{1,6})(?:[ \t]+(?<text>.*?))?[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex Item = new Regex(@"^ *(?<marker>[-*+]|\d{1,9}\.)(?:[ \t]+(?<text>.*)|[ \t]*)$", RegexOptions.CultureInvariant);
        private static readonly Regex Quote = new Regex(@"^ {0,3}> ?(?<text>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex CodeSpan = new Regex(@"(?<![\\`])(?<run>`+)(?!`).*?(?<!`)\k<run>(?!`)", RegexOptions.CultureInvariant);
        private static readonly Regex Bold = new Regex(@"\*\*(?=\S)(?<t>.+?)(?<=\S)\*\*", RegexOptions.CultureInvariant);
        private static readonly Regex Italic = new Regex(@"(?<![\w*])\*(?=[^\s*])(?<t>[^*]+?)(?<=[^\s*])\*(?![\w*])", RegexOptions.CultureInvariant);

        /// <summary>"[text](address)": the links the docs write (to other pages, or absolute).</summary>
        public static readonly Regex Link = new Regex(@"\[(?<text>[^\[\]]*)\]\(\s*(?<url>[^)\s]*)\s*\)", RegexOptions.CultureInvariant);

        private const string Escapable = "\\`*_{}[]()<>#+-.!|\"'~=:;$&@%^,?/";

        /// <summary>Reads <paramref name="text"/>; <paramref name="filePath"/> is used only in error messages.</summary>
        /// <exception cref="HelpCompilerException">Unterminated front matter or fenced code block.</exception>
        public static HelpMarkdown Parse(string text, string filePath)
        {
            string[] lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Split('\n');
            int i = 0;
            var frontMatter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (lines[0].Trim() == "---")
            {
                int end = Array.FindIndex(lines, 1, l => l.Trim() is "---" or "...");
                if (end < 0)
                {
                    throw new HelpCompilerException(filePath, 1, "The YAML front matter that starts on line 1 is never closed with a '---' line.");
                }

                // Only top-level "key: value" lines; PlatyPS puts nothing else there.
                frontMatter = KeyValues(lines[1..end].Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && l.Contains(':')).ToList(), out _);
                i = end + 1;
            }

            var blocks = new List<Block>();
            while (i < lines.Length)
            {
                string line = lines[i];
                int start = i;
                Match m;
                if (line.Trim().Length == 0)
                {
                    i++;
                }
                else if ((m = Fence.Match(line)).Success)
                {
                    string fence = m.Groups["fence"].Value;
                    var content = new List<string>();
                    for (i++; i < lines.Length && !(lines[i].Trim().Length >= fence.Length && lines[i].Trim().Trim('`').Length == 0); i++)
                    {
                        content.Add(lines[i].TrimEnd());
                    }

                    if (i++ == lines.Length)
                    {
                        throw new HelpCompilerException(filePath, start + 1,
                            $"The fenced code block ({fence}{m.Groups["info"].Value}) that starts on line {start + 1} is never closed; add a closing {fence} line.");
                    }

                    blocks.Add(new Block(BlockKind.Code, start + 1, content, Info: m.Groups["info"].Value));
                }
                else if (line.StartsWith("    ", StringComparison.Ordinal))
                {
                    // Indented code: indented lines and the blank lines between them.
                    while (i < lines.Length && (lines[i].StartsWith("    ", StringComparison.Ordinal) || lines[i].Trim().Length == 0))
                    {
                        i++;
                    }

                    while (lines[i - 1].Trim().Length == 0)
                    {
                        i--;
                    }

                    blocks.Add(new Block(BlockKind.Code, start + 1, lines[start..i].Select(l => l.Trim().Length == 0 ? string.Empty : l.Substring(4).TrimEnd()).ToList()));
                }
                else if ((m = Heading.Match(line)).Success)
                {
                    blocks.Add(new Block(BlockKind.Heading, ++i, Array.Empty<string>(), m.Groups["hashes"].Length, m.Groups["text"].Value.Trim()));
                }
                else if (Item.IsMatch(line))
                {
                    blocks.Add(ReadList(lines, ref i));
                }
                else if (Quote.IsMatch(line))
                {
                    var quoted = new List<string>();
                    for (; i < lines.Length && (m = Quote.Match(lines[i])).Success; i++)
                    {
                        quoted.Add(m.Groups["text"].Value.Trim());
                    }

                    blocks.Add(new Block(BlockKind.Quote, start + 1, quoted));
                }
                else
                {
                    var paragraph = new List<string>();
                    do
                    {
                        paragraph.Add(lines[i++].Trim());
                    }
                    while (i < lines.Length && lines[i].Trim().Length > 0 && !StartsOtherBlock(lines[i]) && !Item.IsMatch(lines[i]));
                    blocks.Add(new Block(BlockKind.Paragraph, start + 1, paragraph));
                }
            }

            return new HelpMarkdown(frontMatter, blocks);
        }

        /// <summary>
        /// Reads "key: value" lines (front matter and parameter yaml blocks): blank lines and '#' comments are
        /// skipped, quotes around a value removed; a line without ':' stops reading and is reported through
        /// <paramref name="invalidLine"/> (its index; -1 when every line is good).
        /// </summary>
        public static Dictionary<string, string> KeyValues(IReadOnlyList<string> lines, out int invalidLine)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            invalidLine = -1;
            for (int i = 0; i < lines.Count; i++)
            {
                string line = lines[i].Trim();
                int colon = line.IndexOf(':');
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                if (colon <= 0)
                {
                    invalidLine = i;
                    break;
                }

                string value = line.Substring(colon + 1).Trim();
                bool quoted = value.Length >= 2 && (value[0] is '\'' or '"') && value[^1] == value[0];
                result[line.Substring(0, colon).Trim()] = quoted ? value[1..^1] : value;
            }

            return result;
        }

        private static bool StartsOtherBlock(string line) => Heading.IsMatch(line) || Fence.IsMatch(line) || Quote.IsMatch(line);

        /// <summary>Items, their continuation lines, and blank lines between items.</summary>
        private static Block ReadList(string[] lines, ref int i)
        {
            int start = i;
            var items = new List<ListItem>();
            while (i < lines.Length)
            {
                Match m = Item.Match(lines[i]);
                if (m.Success)
                {
                    string marker = m.Groups["marker"].Value;
                    string first = m.Groups["text"].Value.Trim();
                    items.Add(new ListItem(char.IsDigit(marker[0]) ? marker : "-", first.Length > 0 ? new List<string> { first } : new List<string>()));
                    i++;
                }
                else if (lines[i].Trim().Length == 0)
                {
                    int next = Array.FindIndex(lines, i, l => l.Trim().Length > 0);
                    if (next < 0 || !Item.IsMatch(lines[next]))
                    {
                        break;
                    }

                    i = next;
                }
                else if (!StartsOtherBlock(lines[i]))
                {
                    items[^1].Lines.Add(lines[i++].Trim());
                }
                else
                {
                    break;
                }
            }

            return new Block(BlockKind.List, start + 1, Array.Empty<string>()) { Items = items };
        }

        /// <summary>
        /// Flattens inline markdown to the plain text console help shows. Code spans keep their backticks (as
        /// Microsoft's own PlatyPS-built help does); a link becomes its text, followed by the address in
        /// parentheses when that is absolute; bold and italic markers and backslash escapes are removed.
        /// Underscores are left alone (about_Topic names are full of them).
        /// </summary>
        public static string PlainText(string markdown)
        {
            var result = new StringBuilder();
            int plain = 0;
            foreach (Match span in CodeSpan.Matches(markdown))
            {
                result.Append(Flatten(markdown[plain..span.Index])).Append(span.Value);
                plain = span.Index + span.Length;
            }

            return result.Append(Flatten(markdown[plain..])).ToString();
        }

        /// <summary>Paragraph lines joined as markdown does: line breaks become spaces.</summary>
        public static string JoinLines(IEnumerable<string> lines) => string.Join(" ", lines.Select(PlainText)).TrimEnd(' ');

        /// <summary>True for http(s)/ftp/mailto addresses, the ones worth showing next to a link's text.</summary>
        public static bool IsAbsoluteUrl(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) &&
            (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeFtp || uri.Scheme == Uri.UriSchemeMailto);

        /// <summary>Flattens text without code spans.</summary>
        private static string Flatten(string text)
        {
            // Escaped characters hide behind private-use characters while the regexes run, so that \* or \[ is
            // not taken for markup, and come back literally afterwards.
            var escaped = new List<char>();
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length && Escapable.IndexOf(text[i + 1]) >= 0)
                {
                    sb.Append((char)(0xE000 + escaped.Count));
                    escaped.Add(text[++i]);
                }
                else
                {
                    sb.Append(text[i]);
                }
            }

            string s = Link.Replace(sb.ToString(), m =>
            {
                string linkText = m.Groups["text"].Value.Trim();
                string url = m.Groups["url"].Value;
                return linkText.Length == 0 ? url
                    : IsAbsoluteUrl(url) && !string.Equals(linkText, url, StringComparison.OrdinalIgnoreCase) ? $"{linkText} ({url})"
                    : linkText;
            });
            s = Italic.Replace(Bold.Replace(s, "${t}"), "${t}");
            return new string(s.Select(c => c - 0xE000 >= 0 && c - 0xE000 < escaped.Count ? escaped[c - 0xE000] : c).ToArray());
        }
    }
}
