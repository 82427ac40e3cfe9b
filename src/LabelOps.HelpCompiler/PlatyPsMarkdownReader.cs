using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LabelOps.HelpCompiler.Markdown;

namespace LabelOps.HelpCompiler
{
    public enum HelpFileKind
    {
        /// <summary>A cmdlet help file (PlatyPS cmdlet schema 2.0.0): goes into the MAML file.</summary>
        Command,

        /// <summary>An about_ topic: becomes about_Name.help.txt.</summary>
        AboutTopic,

        /// <summary>Anything else, e.g. PlatyPS's module page (LabelOps.md): not part of Get-Help's files.</summary>
        Other,
    }

    /// <summary>
    /// Reads PlatyPS cmdlet markdown (schema 2.0.0, the format New-MarkdownHelp writes and New-ExternalHelp
    /// reads) into a <see cref="CommandHelp"/>. Sections: SYNOPSIS (required), SYNTAX, DESCRIPTION, EXAMPLES,
    /// PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS (and ALIASES, accepted and ignored); all but SYNOPSIS
    /// may be missing.
    /// </summary>
    public static class PlatyPsMarkdownReader
    {
        private static readonly Regex CmdletName = new Regex(@"^[A-Za-z]+-[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);
        private static readonly Regex MarkdownLink = new Regex(@"\[(?<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(?<url>[^)\s>]*)>?(?:\s+""[^""]*"")?\s*\)", RegexOptions.CultureInvariant);
        private static readonly Regex AlertMarker = new Regex(@"^\[!(?<kind>[A-Za-z]+)\]\s*", RegexOptions.CultureInvariant);

        private static readonly HashSet<string> KnownYamlKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Type", "Parameter Sets", "Aliases", "Accepted values", "Required", "Position", "Default value",
            "Accept pipeline input", "Accept wildcard characters",
        };

        /// <summary>Decides what a markdown file is: cmdlet help, about topic, or neither.</summary>
        public static HelpFileKind Classify(string filePath, MarkdownDocument document)
        {
            string fileName = Path.GetFileName(filePath);
            MarkdownBlock? title = document.Blocks.FirstOrDefault(b => b.Kind == MarkdownBlockKind.Heading && b.Level == 1);
            string titleText = title is null ? string.Empty : InlineMarkdown.ToPlainText(title.Text).Trim();

            if (fileName.StartsWith("about_", StringComparison.OrdinalIgnoreCase) ||
                titleText.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                return HelpFileKind.AboutTopic;
            }

            if (document.FrontMatter.ContainsKey("external help file") || CmdletName.IsMatch(titleText))
            {
                return HelpFileKind.Command;
            }

            return HelpFileKind.Other;
        }

        /// <summary>Parses and reads one cmdlet help file.</summary>
        /// <exception cref="HelpCompilerException">The file breaks the schema (no SYNOPSIS, unterminated code block, ...).</exception>
        public static CommandHelp ReadCommand(string markdown, string filePath) =>
            ReadCommand(MarkdownParser.Parse(markdown, filePath), filePath);

        /// <summary>Reads one already-parsed cmdlet help file.</summary>
        /// <exception cref="HelpCompilerException">The file breaks the schema.</exception>
        public static CommandHelp ReadCommand(MarkdownDocument document, string filePath)
        {
            if (document.FrontMatter.TryGetValue("schema", out string? schema) && schema.Length > 0 && schema != "2.0.0")
            {
                throw new HelpCompilerException(filePath, 1,
                    $"PlatyPS schema '{schema}' is not supported; only the cmdlet schema 2.0.0 (PlatyPS 0.14 / New-MarkdownHelp) is.");
            }

            IReadOnlyList<MarkdownBlock> blocks = document.Blocks;
            int titleIndex = -1;
            for (int i = 0; i < blocks.Count; i++)
            {
                if (blocks[i].Kind == MarkdownBlockKind.Heading)
                {
                    titleIndex = i;
                    break;
                }
            }

            if (titleIndex < 0 || blocks[titleIndex].Level != 1)
            {
                int? line = titleIndex < 0 ? (int?)null : blocks[titleIndex].Line;
                throw new HelpCompilerException(filePath, line, "The file has no '# Command-Name' title before its first section.");
            }

            string name = InlineMarkdown.ToPlainText(blocks[titleIndex].Text).Trim();
            if (name.Length == 0)
            {
                throw new HelpCompilerException(filePath, blocks[titleIndex].Line, "The '#' title is empty; it must be the cmdlet name.");
            }

            var help = new CommandHelp(name, filePath) { Metadata = document.FrontMatter };
            bool sawSynopsis = false;

            foreach (Section section in SplitSections(blocks, titleIndex + 1, 2, filePath))
            {
                if (section.Heading is null)
                {
                    continue; // text between the title and the first "##" is not part of the schema; ignore it.
                }

                string sectionName = InlineMarkdown.ToPlainText(section.Heading.Text).Trim().ToUpperInvariant();
                switch (sectionName)
                {
                    case "SYNOPSIS":
                        sawSynopsis = true;
                        help.Synopsis.AddRange(ToParagraphs(section.Blocks));
                        if (help.Synopsis.Count == 0)
                        {
                            throw new HelpCompilerException(filePath, section.Heading.Line,
                                $"The SYNOPSIS section of {name} is empty; Get-Help shows it first, so write one sentence there.");
                        }

                        break;
                    case "SYNTAX":
                        ReadSyntax(help, section.Blocks);
                        break;
                    case "DESCRIPTION":
                        help.Description.AddRange(ToParagraphs(section.Blocks));
                        break;
                    case "EXAMPLES":
                        ReadExamples(help, section.Blocks, filePath);
                        break;
                    case "PARAMETERS":
                        ReadParameters(help, section.Blocks, filePath);
                        break;
                    case "INPUTS":
                        ReadTypes(help.Inputs, section.Blocks);
                        break;
                    case "OUTPUTS":
                        ReadTypes(help.Outputs, section.Blocks);
                        break;
                    case "NOTES":
                        help.Notes.AddRange(ToParagraphs(section.Blocks));
                        break;
                    case "RELATED LINKS":
                        ReadRelatedLinks(help, section.Blocks);
                        break;
                    case "ALIASES":
                        // PlatyPS 1.x adds this section; MAML has no element for it and PowerShell lists a
                        // command's aliases itself.
                        break;
                    default:
                        throw new HelpCompilerException(filePath, section.Heading.Line,
                            $"Unknown section '## {section.Heading.Text}'. The PlatyPS cmdlet schema knows SYNOPSIS, SYNTAX, DESCRIPTION, " +
                            "EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and RELATED LINKS.");
                }
            }

            if (!sawSynopsis)
            {
                throw new HelpCompilerException(filePath, blocks[titleIndex].Line,
                    $"{Path.GetFileName(filePath)} (cmdlet {name}) has no '## SYNOPSIS' section; every cmdlet help file needs one.");
            }

            return help;
        }

        /// <summary>
        /// Turns blocks into the paragraphs MAML carries as maml:para: one per markdown paragraph; a list,
        /// table or code block becomes one paragraph whose lines keep their line breaks.
        /// </summary>
        public static List<string> ToParagraphs(IEnumerable<MarkdownBlock> blocks)
        {
            var result = new List<string>();
            foreach (MarkdownBlock block in blocks)
            {
                string text;
                switch (block.Kind)
                {
                    case MarkdownBlockKind.Paragraph:
                        text = InlineMarkdown.JoinLines(block.Lines);
                        break;
                    case MarkdownBlockKind.Heading:
                        text = InlineMarkdown.ToPlainText(block.Text);
                        break;
                    case MarkdownBlockKind.CodeBlock:
                    case MarkdownBlockKind.Table:
                        text = string.Join("\n", TrimBlankEdges(block.Lines));
                        break;
                    case MarkdownBlockKind.List:
                        text = string.Join("\n", block.Items.Select(ListItemText));
                        break;
                    case MarkdownBlockKind.Quote:
                        text = QuoteText(block.Lines);
                        break;
                    default:
                        text = string.Empty;
                        break;
                }

                if (text.Trim().Length > 0)
                {
                    result.Add(text);
                }
            }

            return result;
        }

        /// <summary>"- text" (or "1. text"), indented two spaces per nesting level; continuation lines aligned.</summary>
        internal static string ListItemText(MarkdownListItem item)
        {
            string indent = new string(' ', item.Depth * 2);
            string prefix = indent + item.Marker + " ";
            string body = InlineMarkdown.JoinLines(item.Lines);
            string hanging = new string(' ', prefix.Length);
            return prefix + body.Replace("\n", "\n" + hanging);
        }

        /// <summary>Quote text; a PowerShell-Docs alert marker ("[!NOTE]") becomes "NOTE: ".</summary>
        internal static string QuoteText(IReadOnlyList<string> lines)
        {
            List<string> text = lines.Where(l => l.Length > 0).ToList();
            string prefix = string.Empty;
            Match alert = AlertMarker.Match(text.FirstOrDefault() ?? string.Empty);
            if (alert.Success)
            {
                prefix = alert.Groups["kind"].Value.ToUpperInvariant() + ": ";
                text[0] = text[0].Substring(alert.Length);
                if (text[0].Trim().Length == 0)
                {
                    text.RemoveAt(0);
                }
            }

            return prefix + InlineMarkdown.JoinLines(text);
        }

        private static IEnumerable<string> TrimBlankEdges(IReadOnlyList<string> lines)
        {
            int start = 0;
            int end = lines.Count - 1;
            while (start <= end && lines[start].Trim().Length == 0)
            {
                start++;
            }

            while (end >= start && lines[end].Trim().Length == 0)
            {
                end--;
            }

            for (int i = start; i <= end; i++)
            {
                yield return lines[i];
            }
        }

        private sealed class Section
        {
            public Section(MarkdownBlock? heading)
            {
                Heading = heading;
            }

            public MarkdownBlock? Heading { get; }

            public List<MarkdownBlock> Blocks { get; } = new List<MarkdownBlock>();
        }

        /// <summary>
        /// Splits blocks at headings of <paramref name="level"/>. Content before the first such heading forms
        /// a section with a null heading. A heading of a higher rank (lower level) than expected is an error.
        /// </summary>
        private static List<Section> SplitSections(IReadOnlyList<MarkdownBlock> blocks, int start, int level, string filePath)
        {
            var sections = new List<Section> { new Section(null) };
            for (int i = start; i < blocks.Count; i++)
            {
                MarkdownBlock b = blocks[i];
                if (b.Kind == MarkdownBlockKind.Heading && b.Level < level)
                {
                    throw new HelpCompilerException(filePath, b.Line,
                        $"Unexpected heading '{new string('#', b.Level)} {b.Text}': a cmdlet help file has one '#' title, '##' sections and '###' entries.");
                }

                if (b.Kind == MarkdownBlockKind.Heading && b.Level == level)
                {
                    sections.Add(new Section(b));
                    continue;
                }

                sections[sections.Count - 1].Blocks.Add(b);
            }

            return sections;
        }

        private static void ReadSyntax(CommandHelp help, List<MarkdownBlock> blocks)
        {
            foreach (MarkdownBlock b in blocks.Where(b => b.Kind == MarkdownBlockKind.Heading && b.Level == 3))
            {
                string setName = InlineMarkdown.ToPlainText(b.Text).Trim();
                bool isDefault = false;
                if (setName.EndsWith("(Default)", StringComparison.OrdinalIgnoreCase))
                {
                    setName = setName.Substring(0, setName.Length - "(Default)".Length).Trim();
                    isDefault = true;
                }

                if (setName.Length > 0)
                {
                    help.SyntaxParameterSets.Add(setName);
                    if (isDefault)
                    {
                        help.DefaultParameterSet = setName;
                    }
                }
            }
        }

        private static void ReadExamples(CommandHelp help, List<MarkdownBlock> blocks, string filePath)
        {
            foreach (Section entry in SplitSections(blocks, 0, 3, filePath))
            {
                if (entry.Heading is null)
                {
                    continue; // introductory text under "## EXAMPLES" is not part of any example
                }

                var example = new ExampleHelp(InlineMarkdown.ToPlainText(entry.Heading.Text).Trim());
                var intro = new List<string>();
                var after = new List<string>();
                var code = new List<string>();
                int state = 0; // 0: before code, 1: in the run of code blocks, 2: after it
                foreach (MarkdownBlock b in entry.Blocks)
                {
                    // Sample output (```Output, ```text) is not code: in the example's code, Get-Help would show it as
                    // part of what to paste. It goes to the remarks, after the code, as PlatyPS's own help shows it.
                    if (b.Kind == MarkdownBlockKind.CodeBlock && IsOutputBlock(b))
                    {
                        (state == 0 ? intro : after).AddRange(ToParagraphs(new[] { b }));
                        if (state == 1) state = 2;
                        continue;
                    }

                    if (b.Kind == MarkdownBlockKind.CodeBlock && state < 2)
                    {
                        code.Add(string.Join("\n", TrimBlankEdges(b.Lines)));
                        state = 1;
                        continue;
                    }

                    List<string> paragraphs = ToParagraphs(new[] { b });
                    if (state == 0)
                    {
                        intro.AddRange(paragraphs);
                    }
                    else
                    {
                        state = 2;
                        after.AddRange(paragraphs);
                    }
                }

                example.Code = string.Join("\n\n", code);
                example.Remarks.AddRange(intro);
                example.Remarks.AddRange(after);
                help.Examples.Add(example);
            }
        }

        private static bool IsOutputBlock(MarkdownBlock code) =>
            code.Info.Equals("Output", StringComparison.OrdinalIgnoreCase) || code.Info.Equals("text", StringComparison.OrdinalIgnoreCase)
            || code.Info.Equals("console", StringComparison.OrdinalIgnoreCase);

        private static void ReadParameters(CommandHelp help, List<MarkdownBlock> blocks, string filePath)
        {
            foreach (Section entry in SplitSections(blocks, 0, 3, filePath))
            {
                if (entry.Heading is null)
                {
                    continue;
                }

                string heading = InlineMarkdown.ToPlainText(entry.Heading.Text).Trim();
                string bare = heading.Trim('<', '>', ' ');
                if (string.Equals(bare, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    help.SupportsCommonParameters = true;
                    continue;
                }

                if (string.Equals(bare, "WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string name = heading.TrimStart('-').Trim();
                if (name.Length == 0 || name.Any(char.IsWhiteSpace))
                {
                    throw new HelpCompilerException(filePath, entry.Heading.Line,
                        $"'### {entry.Heading.Text}' is not a parameter heading; write '### -ParameterName'.");
                }

                if (help.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new HelpCompilerException(filePath, entry.Heading.Line, $"Parameter -{name} is documented twice.");
                }

                var parameter = new ParameterHelp(name);
                var descriptionBlocks = new List<MarkdownBlock>();
                foreach (MarkdownBlock b in entry.Blocks)
                {
                    if (b.Kind == MarkdownBlockKind.CodeBlock && IsParameterYaml(b))
                    {
                        parameter.Metadata.Add(ReadParameterYaml(b, name, filePath));
                    }
                    else
                    {
                        descriptionBlocks.Add(b);
                    }
                }

                parameter.Description.AddRange(ToParagraphs(descriptionBlocks));
                help.Parameters.Add(parameter);
            }
        }

        private static bool IsParameterYaml(MarkdownBlock code)
        {
            if (code.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase) || code.Info.Equals("yml", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (code.Info.Length > 0)
            {
                return false;
            }

            Dictionary<string, string> pairs = MarkdownParser.ParseKeyValueLines(code.Lines, out int invalid);
            return invalid < 0 && pairs.Count > 0 && pairs.Keys.All(k => KnownYamlKeys.Contains(k));
        }

        private static ParameterMetadata ReadParameterYaml(MarkdownBlock code, string parameterName, string filePath)
        {
            Dictionary<string, string> pairs = MarkdownParser.ParseKeyValueLines(code.Lines, out int invalid);
            if (invalid >= 0)
            {
                throw new HelpCompilerException(filePath, code.Line + 1 + invalid,
                    $"The yaml block of parameter -{parameterName} has a line that is not 'Key: value': '{code.Lines[invalid].Trim()}'.");
            }

            int LineOf(string key)
            {
                for (int i = 0; i < code.Lines.Count; i++)
                {
                    if (code.Lines[i].TrimStart().StartsWith(key, StringComparison.OrdinalIgnoreCase))
                    {
                        return code.Line + 1 + i;
                    }
                }

                return code.Line;
            }

            bool ReadBool(string key, bool fallback)
            {
                if (!pairs.TryGetValue(key, out string? v) || v.Length == 0)
                {
                    return fallback;
                }

                if (bool.TryParse(v, out bool b))
                {
                    return b;
                }

                throw new HelpCompilerException(filePath, LineOf(key),
                    $"'{key}: {v}' of parameter -{parameterName} must be True or False.");
            }

            var md = new ParameterMetadata();
            if (pairs.TryGetValue("Type", out string? type) && type.Length > 0)
            {
                md.Type = string.Equals(type, "switch", StringComparison.OrdinalIgnoreCase) ? "SwitchParameter" : type;
            }

            if (pairs.TryGetValue("Parameter Sets", out string? sets))
            {
                md.ParameterSets.AddRange(SplitList(sets));
            }

            if (pairs.TryGetValue("Aliases", out string? aliases))
            {
                md.Aliases.AddRange(SplitList(aliases).Where(a => !string.Equals(a, "None", StringComparison.OrdinalIgnoreCase)));
            }

            if (pairs.TryGetValue("Accepted values", out string? accepted))
            {
                md.AcceptedValues.AddRange(SplitList(accepted));
            }

            md.Required = ReadBool("Required", false);
            md.Globbing = ReadBool("Accept wildcard characters", false);

            if (pairs.TryGetValue("Position", out string? position) && position.Length > 0)
            {
                if (string.Equals(position, "named", StringComparison.OrdinalIgnoreCase))
                {
                    md.Position = "named";
                }
                else if (int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                {
                    md.Position = n.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    throw new HelpCompilerException(filePath, LineOf("Position"),
                        $"'Position: {position}' of parameter -{parameterName} must be Named or a number.");
                }
            }

            if (pairs.TryGetValue("Default value", out string? defaultValue) && defaultValue.Length > 0)
            {
                md.DefaultValue = defaultValue;
            }

            if (pairs.TryGetValue("Accept pipeline input", out string? pipeline) && pipeline.Length > 0)
            {
                md.PipelineInput = NormalizePipelineInput(pipeline, parameterName, filePath, LineOf("Accept pipeline input"));
            }

            return md;
        }

        /// <summary>"false" -> "False"; "true (ByValue)" -> "True (ByValue)"; anything else is an error.</summary>
        private static string NormalizePipelineInput(string value, string parameterName, string filePath, int line)
        {
            string v = value.Trim();
            if (v.StartsWith("false", StringComparison.OrdinalIgnoreCase))
            {
                return "False";
            }

            if (v.StartsWith("true", StringComparison.OrdinalIgnoreCase))
            {
                string rest = v.Substring(4).Trim();
                return rest.Length == 0 ? "True (ByValue)" : "True " + rest;
            }

            throw new HelpCompilerException(filePath, line,
                $"'Accept pipeline input: {value}' of parameter -{parameterName} must be False or True (ByValue / ByPropertyName).");
        }

        private static IEnumerable<string> SplitList(string value) =>
            value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0);

        private static void ReadTypes(List<TypeHelp> target, List<MarkdownBlock> blocks)
        {
            TypeHelp? current = null;
            foreach (MarkdownBlock b in blocks)
            {
                if (b.Kind == MarkdownBlockKind.Heading && b.Level == 3)
                {
                    current = new TypeHelp(InlineMarkdown.ToPlainText(b.Text).Trim());
                    target.Add(current);
                    continue;
                }

                if (current is null)
                {
                    // Text without a "### Type" heading: PlatyPS requires the heading; be lenient and take
                    // the first paragraph as the type name (typically "None").
                    List<string> paragraphs = ToParagraphs(new[] { b });
                    if (paragraphs.Count > 0)
                    {
                        current = new TypeHelp(paragraphs[0]);
                        target.Add(current);
                    }

                    continue;
                }

                current.Description.AddRange(ToParagraphs(new[] { b }));
            }
        }

        private static void ReadRelatedLinks(CommandHelp help, List<MarkdownBlock> blocks)
        {
            var lines = new List<string>();
            foreach (MarkdownBlock b in blocks)
            {
                switch (b.Kind)
                {
                    case MarkdownBlockKind.Paragraph:
                        lines.AddRange(b.Lines.Select(l => l.TrimEnd('\n')));
                        break;
                    case MarkdownBlockKind.List:
                        lines.AddRange(b.Items.Select(i => string.Join(" ", i.Lines.Select(l => l.TrimEnd('\n')))));
                        break;
                }
            }

            foreach (string line in lines)
            {
                MatchCollection links = MarkdownLink.Matches(line);
                if (links.Count == 0)
                {
                    string text = InlineMarkdown.ToPlainText(line).Trim();
                    if (text.Length > 0)
                    {
                        help.RelatedLinks.Add(new RelatedLink(text, string.Empty));
                    }

                    continue;
                }

                foreach (Match m in links)
                {
                    string text = InlineMarkdown.ToPlainText(m.Groups["text"].Value).Trim();
                    string url = m.Groups["url"].Value;
                    help.RelatedLinks.Add(new RelatedLink(
                        text.Length > 0 ? text : url,
                        InlineMarkdown.IsAbsoluteUrl(url) ? url : string.Empty));
                }
            }
        }
    }
}
