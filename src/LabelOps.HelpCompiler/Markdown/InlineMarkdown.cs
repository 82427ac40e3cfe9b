using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LabelOps.HelpCompiler.Markdown
{
    /// <summary>
    /// Flattens inline markdown to the plain text console help shows. Code spans keep their backticks
    /// (as Microsoft's own PlatyPS-built help does); links become their text, followed by the address in
    /// parentheses when it is an absolute URL; bold/italic markers, backslash escapes and HTML entities
    /// are removed. Underscores are left alone (about_Topic names are full of them).
    /// </summary>
    public static class InlineMarkdown
    {
        private static readonly Regex Link = new Regex(
            @"(?<bang>!?)\[(?<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(?<url>[^)\s>]*)>?(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)",
            RegexOptions.CultureInvariant);

        private static readonly Regex ReferenceLink = new Regex(@"\[(?<text>[^\[\]]+)\]\[[^\[\]]*\]", RegexOptions.CultureInvariant);
        private static readonly Regex AutoLink = new Regex(@"<(?<url>(?:https?|ftp|mailto):[^>\s]+)>", RegexOptions.CultureInvariant);
        private static readonly Regex Bold = new Regex(@"\*\*(?=\S)(?<t>.+?)(?<=\S)\*\*", RegexOptions.CultureInvariant);
        private static readonly Regex Italic = new Regex(@"(?<![\w*])\*(?=[^\s*])(?<t>[^*]+?)(?<=[^\s*])\*(?![\w*])", RegexOptions.CultureInvariant);
        private static readonly Regex HtmlBreak = new Regex(@"<br\s*/?>", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private const string EscapableCharacters = "\\`*_{}[]()<>#+-.!|\"'~=:;$&@%^,?/";

        /// <summary>Plain text of one run of inline markdown (no block structure).</summary>
        public static string ToPlainText(string markdown)
        {
            if (string.IsNullOrEmpty(markdown))
            {
                return string.Empty;
            }

            var result = new StringBuilder();
            int i = 0;
            var plain = new StringBuilder();
            while (i < markdown.Length)
            {
                char c = markdown[i];
                if (c == '\\' && i + 1 < markdown.Length && markdown[i + 1] == '`')
                {
                    plain.Append("\\`");
                    i += 2;
                    continue;
                }

                if (c == '`')
                {
                    int run = CountRun(markdown, i, '`');
                    int close = FindClosingRun(markdown, i + run, run);
                    if (close >= 0)
                    {
                        result.Append(FlattenText(plain.ToString()));
                        plain.Clear();
                        result.Append(markdown, i, close + run - i);
                        i = close + run;
                        continue;
                    }

                    plain.Append(markdown, i, run);
                    i += run;
                    continue;
                }

                plain.Append(c);
                i++;
            }

            result.Append(FlattenText(plain.ToString()));
            return result.ToString();
        }

        /// <summary>
        /// Joins paragraph lines as markdown does: soft line breaks become spaces, hard breaks (lines the
        /// parser ended with "\n") stay line breaks, and a lone "\n" line separates paragraphs of a list item.
        /// </summary>
        public static string JoinLines(IEnumerable<string> lines)
        {
            var sb = new StringBuilder();
            bool atLineStart = true;
            foreach (string raw in lines)
            {
                if (raw == "\n")
                {
                    sb.Append('\n');
                    atLineStart = true;
                    continue;
                }

                bool hard = raw.EndsWith("\n", StringComparison.Ordinal);
                string text = ToPlainText(hard ? raw.Substring(0, raw.Length - 1) : raw);
                if (!atLineStart)
                {
                    sb.Append(' ');
                }

                sb.Append(text);
                if (hard)
                {
                    sb.Append('\n');
                    atLineStart = true;
                }
                else
                {
                    atLineStart = false;
                }
            }

            return sb.ToString().TrimEnd('\n', ' ');
        }

        private static int CountRun(string s, int start, char c)
        {
            int n = 0;
            while (start + n < s.Length && s[start + n] == c)
            {
                n++;
            }

            return n;
        }

        private static int FindClosingRun(string s, int from, int length)
        {
            int i = from;
            while (i < s.Length)
            {
                if (s[i] == '`')
                {
                    int run = CountRun(s, i, '`');
                    if (run == length)
                    {
                        return i;
                    }

                    i += run;
                    continue;
                }

                i++;
            }

            return -1;
        }

        /// <summary>Flattens text that contains no code spans.</summary>
        private static string FlattenText(string text)
        {
            if (text.Length == 0)
            {
                return text;
            }

            // Hide backslash escapes behind private-use characters so that the regexes below do not see
            // escaped markup (\*, \[ ...), then put the escaped characters back literally.
            var escaped = new List<char>();
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length && EscapableCharacters.IndexOf(text[i + 1]) >= 0 && escaped.Count < 6000)
                {
                    sb.Append((char)(0xE000 + escaped.Count));
                    escaped.Add(text[i + 1]);
                    i++;
                    continue;
                }

                sb.Append(text[i]);
            }

            string s = sb.ToString();
            s = Link.Replace(s, m =>
            {
                string linkText = m.Groups["text"].Value.Trim();
                string url = m.Groups["url"].Value;
                if (m.Groups["bang"].Value.Length > 0)
                {
                    return linkText; // image: keep its alt text
                }

                if (linkText.Length == 0)
                {
                    return url;
                }

                return IsAbsoluteUrl(url) && !string.Equals(linkText, url, StringComparison.OrdinalIgnoreCase)
                    ? $"{linkText} ({url})"
                    : linkText;
            });
            s = ReferenceLink.Replace(s, "${text}");
            s = AutoLink.Replace(s, "${url}");
            s = HtmlBreak.Replace(s, "\n");
            s = Bold.Replace(s, "${t}");
            s = Italic.Replace(s, "${t}");
            s = WebUtility.HtmlDecode(s);

            if (escaped.Count > 0)
            {
                var restored = new StringBuilder(s.Length);
                foreach (char c in s)
                {
                    int index = c - 0xE000;
                    restored.Append(index >= 0 && index < escaped.Count ? escaped[index] : c);
                }

                s = restored.ToString();
            }

            return s;
        }

        /// <summary>True for http(s)/ftp/mailto addresses, the ones worth showing next to a link's text.</summary>
        public static bool IsAbsoluteUrl(string url) =>
            Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) &&
            (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeFtp || uri.Scheme == Uri.UriSchemeMailto);
    }
}
