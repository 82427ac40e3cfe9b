using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// Reads PlatyPS cmdlet markdown (schema 2.0.0, the format New-MarkdownHelp writes and New-ExternalHelp
    /// reads) into a <see cref="CommandHelp"/>. Sections: SYNOPSIS (required), SYNTAX, DESCRIPTION, EXAMPLES,
    /// PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS (and ALIASES, accepted and ignored); all but SYNOPSIS
    /// may be missing.
    /// </summary>
    public static class PlatyPsMarkdownReader
    {
        private static readonly Regex CmdletName = new Regex(@"^[A-Za-z]+-[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);
        private static readonly Regex AlertMarker = new Regex(@"^\[!(?<kind>[A-Za-z]+)\]\s*", RegexOptions.CultureInvariant);

        /// <summary>Decides what a markdown file is: cmdlet help, about topic, or neither.</summary>
        public static HelpFileKind Classify(string filePath, HelpMarkdown document)
        {
            Block? title = document.Blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading && b.Level == 1);
            string titleText = title is null ? string.Empty : HelpMarkdown.PlainText(title.Text).Trim();
            if (Path.GetFileName(filePath).StartsWith("about_", StringComparison.OrdinalIgnoreCase) ||
                titleText.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                return HelpFileKind.AboutTopic;
            }

            return document.FrontMatter.ContainsKey("external help file") || CmdletName.IsMatch(titleText) ? HelpFileKind.Command : HelpFileKind.Other;
        }

        /// <summary>Reads one cmdlet help file.</summary>
        /// <exception cref="HelpCompilerException">The file breaks the schema (no SYNOPSIS, unterminated code block, ...).</exception>
        public static CommandHelp ReadCommand(string markdown, string filePath) => ReadCommand(HelpMarkdown.Parse(markdown, filePath), filePath);

        /// <inheritdoc cref="ReadCommand(string, string)"/>
        public static CommandHelp ReadCommand(HelpMarkdown document, string filePath)
        {
            if (document.FrontMatter.TryGetValue("schema", out string? schema) && schema.Length > 0 && schema != "2.0.0")
            {
                throw new HelpCompilerException(filePath, 1,
                    $"PlatyPS schema '{schema}' is not supported; only the cmdlet schema 2.0.0 (PlatyPS 0.14 / New-MarkdownHelp) is.");
            }

            IReadOnlyList<Block> blocks = document.Blocks;
            int titleIndex = blocks.ToList().FindIndex(b => b.Kind == BlockKind.Heading);
            if (titleIndex < 0 || blocks[titleIndex].Level != 1)
            {
                throw new HelpCompilerException(filePath, titleIndex < 0 ? null : blocks[titleIndex].Line,
                    "The file has no '# Command-Name' title before its first section.");
            }

            Block title = blocks[titleIndex];
            string name = HelpMarkdown.PlainText(title.Text).Trim();
            if (name.Length == 0)
            {
                throw new HelpCompilerException(filePath, title.Line, "The '#' title is empty; it must be the cmdlet name.");
            }

            var help = new CommandHelp(name, filePath) { Metadata = document.FrontMatter };
            bool sawSynopsis = false;

            // Text between the title and the first "##" is not part of the schema, nor is text under "## EXAMPLES"
            // before the first example: both are ignored (their heading is null).
            foreach ((Block? heading, List<Block> section) in Sections(blocks.Skip(titleIndex + 1), 2, filePath).Where(s => s.Heading != null))
            {
                switch (HelpMarkdown.PlainText(heading!.Text).Trim().ToUpperInvariant())
                {
                    case "SYNOPSIS":
                        sawSynopsis = true;
                        help.Synopsis.AddRange(ToParagraphs(section));
                        if (help.Synopsis.Count == 0)
                        {
                            throw new HelpCompilerException(filePath, heading.Line,
                                $"The SYNOPSIS section of {name} is empty; Get-Help shows it first, so write one sentence there.");
                        }

                        break;
                    case "SYNTAX":
                        ReadSyntax(help, section);
                        break;
                    case "DESCRIPTION":
                        help.Description.AddRange(ToParagraphs(section));
                        break;
                    case "EXAMPLES":
                        ReadExamples(help, section, filePath);
                        break;
                    case "PARAMETERS":
                        ReadParameters(help, section, filePath);
                        break;
                    case "INPUTS":
                        ReadTypes(help.Inputs, section);
                        break;
                    case "OUTPUTS":
                        ReadTypes(help.Outputs, section);
                        break;
                    case "NOTES":
                        help.Notes.AddRange(ToParagraphs(section));
                        break;
                    case "RELATED LINKS":
                        ReadRelatedLinks(help, section);
                        break;
                    case "ALIASES":
                        break; // PlatyPS 1.x adds it; MAML has no element for it and PowerShell lists aliases itself.
                    default:
                        throw new HelpCompilerException(filePath, heading.Line,
                            $"Unknown section '## {heading.Text}'. The PlatyPS cmdlet schema knows SYNOPSIS, SYNTAX, DESCRIPTION, " +
                            "EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and RELATED LINKS.");
                }
            }

            if (!sawSynopsis)
            {
                throw new HelpCompilerException(filePath, title.Line,
                    $"{Path.GetFileName(filePath)} (cmdlet {name}) has no '## SYNOPSIS' section; every cmdlet help file needs one.");
            }

            return help;
        }

        /// <summary>
        /// The paragraphs MAML carries as maml:para: one per markdown paragraph; a list or code block becomes one
        /// paragraph whose lines keep their line breaks.
        /// </summary>
        public static List<string> ToParagraphs(IEnumerable<Block> blocks) => blocks.Select(b => b.Kind switch
        {
            BlockKind.Paragraph => HelpMarkdown.JoinLines(b.Lines),
            BlockKind.Heading => HelpMarkdown.PlainText(b.Text),
            BlockKind.Code => string.Join("\n", TrimBlankEdges(b.Lines)),
            BlockKind.List => string.Join("\n", b.Items.Select(i => i.Marker + " " + HelpMarkdown.JoinLines(i.Lines))),
            _ => QuoteText(b.Lines),
        }).Where(text => text.Trim().Length > 0).ToList();

        /// <summary>Quote text; a PowerShell-Docs alert marker ("[!NOTE]") becomes "NOTE: ".</summary>
        internal static string QuoteText(IReadOnlyList<string> lines)
        {
            List<string> text = lines.Where(l => l.Length > 0).ToList();
            Match alert = AlertMarker.Match(text.FirstOrDefault() ?? string.Empty);
            if (!alert.Success)
            {
                return HelpMarkdown.JoinLines(text);
            }

            text[0] = text[0].Substring(alert.Length);
            return alert.Groups["kind"].Value.ToUpperInvariant() + ": " + HelpMarkdown.JoinLines(text.Where(l => l.Trim().Length > 0));
        }

        private static IEnumerable<string> TrimBlankEdges(IReadOnlyList<string> lines) =>
            lines.SkipWhile(l => l.Trim().Length == 0).Reverse().SkipWhile(l => l.Trim().Length == 0).Reverse();

        /// <summary>
        /// Splits blocks at headings of <paramref name="level"/>; what comes before the first one has a null
        /// heading. A heading of a higher rank (lower level) than expected is an error.
        /// </summary>
        private static List<(Block? Heading, List<Block> Blocks)> Sections(IEnumerable<Block> blocks, int level, string filePath)
        {
            var sections = new List<(Block? Heading, List<Block> Blocks)> { (null, new List<Block>()) };
            foreach (Block b in blocks)
            {
                if (b.Kind == BlockKind.Heading && b.Level < level)
                {
                    throw new HelpCompilerException(filePath, b.Line,
                        $"Unexpected heading '{new string('#', b.Level)} {b.Text}': a cmdlet help file has one '#' title, '##' sections and '###' entries.");
                }

                if (b.Kind == BlockKind.Heading && b.Level == level)
                {
                    sections.Add((b, new List<Block>()));
                }
                else
                {
                    sections[^1].Blocks.Add(b);
                }
            }

            return sections;
        }

        private static void ReadSyntax(CommandHelp help, List<Block> blocks) => help.SyntaxParameterSets.AddRange(blocks
            .Where(b => b.Kind == BlockKind.Heading && b.Level == 3)
            .Select(b => Regex.Replace(HelpMarkdown.PlainText(b.Text).Trim(), @"\s*\(Default\)$", string.Empty, RegexOptions.IgnoreCase))
            .Where(setName => setName.Length > 0));

        private static void ReadExamples(CommandHelp help, List<Block> blocks, string filePath)
        {
            foreach ((Block? heading, List<Block> entry) in Sections(blocks, 3, filePath).Where(s => s.Heading != null))
            {
                var example = new ExampleHelp(HelpMarkdown.PlainText(heading!.Text).Trim());
                var after = new List<string>();
                var code = new List<string>();
                bool pastCode = false;
                foreach (Block b in entry)
                {
                    // Sample output (```Output) is not code: in the example's code, Get-Help would show it as part of
                    // what to paste. It goes to the remarks, after the code, as PlatyPS's own help shows it.
                    bool output = b.Info.Equals("Output", StringComparison.OrdinalIgnoreCase) || b.Info.Equals("text", StringComparison.OrdinalIgnoreCase)
                        || b.Info.Equals("console", StringComparison.OrdinalIgnoreCase);
                    if (b.Kind == BlockKind.Code && !output && !pastCode)
                    {
                        code.Add(string.Join("\n", TrimBlankEdges(b.Lines)));
                        continue;
                    }

                    // Text before the first code block opens the remarks; text after the run of code blocks follows it.
                    pastCode |= code.Count > 0;
                    (code.Count == 0 ? example.Remarks : after).AddRange(ToParagraphs(new[] { b }));
                }

                example.Code = string.Join("\n\n", code);
                example.Remarks.AddRange(after);
                help.Examples.Add(example);
            }
        }

        private static void ReadParameters(CommandHelp help, List<Block> blocks, string filePath)
        {
            foreach ((Block? heading, List<Block> entry) in Sections(blocks, 3, filePath).Where(s => s.Heading != null))
            {
                string text = HelpMarkdown.PlainText(heading!.Text).Trim();
                string bare = text.Trim('<', '>', ' ');
                if (string.Equals(bare, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    help.SupportsCommonParameters = true;
                    continue;
                }

                if (string.Equals(bare, "WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                string name = text.TrimStart('-').Trim();

                if (name.Length == 0 || name.Any(char.IsWhiteSpace))
                {
                    throw new HelpCompilerException(filePath, heading.Line, $"'### {heading.Text}' is not a parameter heading; write '### -ParameterName'.");
                }

                if (help.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new HelpCompilerException(filePath, heading.Line, $"Parameter -{name} is documented twice.");
                }

                var parameter = new ParameterHelp(name);
                Func<Block, bool> isYaml = b => b.Kind == BlockKind.Code && (b.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase) || b.Info.Equals("yml", StringComparison.OrdinalIgnoreCase));
                parameter.Metadata.AddRange(entry.Where(isYaml).Select(b => ReadParameterYaml(b, name, filePath)));
                parameter.Description.AddRange(ToParagraphs(entry.Where(b => !isYaml(b))));
                help.Parameters.Add(parameter);
            }
        }

        private static ParameterMetadata ReadParameterYaml(Block code, string parameter, string filePath)
        {
            Dictionary<string, string> pairs = HelpMarkdown.KeyValues(code.Lines, out int invalid);
            if (invalid >= 0)
            {
                throw new HelpCompilerException(filePath, code.Line + 1 + invalid,
                    $"The yaml block of parameter -{parameter} has a line that is not 'Key: value': '{code.Lines[invalid].Trim()}'.");
            }

            string? Value(string key) => pairs.TryGetValue(key, out string? v) && v.Length > 0 ? v : null;
            IEnumerable<string> List(string key) => (Value(key) ?? string.Empty).Split(',').Select(s => s.Trim()).Where(s => s.Length > 0);
            HelpCompilerException Bad(string key, string rule)
            {
                int index = code.Lines.ToList().FindIndex(l => l.TrimStart().StartsWith(key, StringComparison.OrdinalIgnoreCase));
                return new HelpCompilerException(filePath, index < 0 ? code.Line : code.Line + 1 + index, $"'{key}: {Value(key)}' of parameter -{parameter} must be {rule}.");
            }

            bool Bool(string key) => Value(key) is not string v ? false : bool.TryParse(v, out bool b) ? b : throw Bad(key, "True or False");

            var md = new ParameterMetadata();
            string? type = Value("Type");
            md.Type = type is null ? md.Type : string.Equals(type, "switch", StringComparison.OrdinalIgnoreCase) ? "SwitchParameter" : type;
            md.ParameterSets.AddRange(List("Parameter Sets"));
            md.Aliases.AddRange(List("Aliases").Where(a => !string.Equals(a, "None", StringComparison.OrdinalIgnoreCase)));
            md.AcceptedValues.AddRange(List("Accepted values"));
            md.Required = Bool("Required");
            md.Globbing = Bool("Accept wildcard characters");
            md.DefaultValue = Value("Default value") ?? md.DefaultValue;

            string? position = Value("Position");
            md.Position = position is null ? md.Position
                : string.Equals(position, "named", StringComparison.OrdinalIgnoreCase) ? "named"
                : int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n.ToString(CultureInfo.InvariantCulture)
                : throw Bad("Position", "Named or a number");

            // "false" -> "False"; "true (ByValue)" -> "True (ByValue)"; a bare "true" is by value.
            string? pipeline = Value("Accept pipeline input")?.Trim();
            md.PipelineInput = pipeline is null ? md.PipelineInput
                : pipeline.StartsWith("false", StringComparison.OrdinalIgnoreCase) ? "False"
                : pipeline.StartsWith("true", StringComparison.OrdinalIgnoreCase) ? (pipeline.Length == 4 ? "True (ByValue)" : "True " + pipeline.Substring(4).Trim())
                : throw Bad("Accept pipeline input", "False or True (ByValue / ByPropertyName)");
            return md;
        }

        private static void ReadTypes(List<TypeHelp> target, List<Block> blocks)
        {
            foreach (Block b in blocks)
            {
                if (b.Kind == BlockKind.Heading && b.Level == 3)
                {
                    target.Add(new TypeHelp(HelpMarkdown.PlainText(b.Text).Trim()));
                }
                else if (target.Count > 0)
                {
                    target[^1].Description.AddRange(ToParagraphs(new[] { b }));
                }
                else
                {
                    // PlatyPS requires the "### Type" heading; without one, the first paragraph is the type name.
                    target.AddRange(ToParagraphs(new[] { b }).Take(1).Select(t => new TypeHelp(t)));
                }
            }
        }

        private static void ReadRelatedLinks(CommandHelp help, List<Block> blocks)
        {
            IEnumerable<string> lines = blocks.SelectMany(b => b.Kind == BlockKind.List ? b.Items.Select(i => string.Join(" ", i.Lines))
                : b.Kind == BlockKind.Paragraph ? b.Lines : Enumerable.Empty<string>());
            foreach (string line in lines)
            {
                MatchCollection links = HelpMarkdown.Link.Matches(line);
                string text = HelpMarkdown.PlainText(line).Trim();
                if (links.Count == 0 && text.Length > 0)
                {
                    help.RelatedLinks.Add(new RelatedLink(text, string.Empty));
                }

                foreach (Match m in links)
                {
                    string linkText = HelpMarkdown.PlainText(m.Groups["text"].Value).Trim();
                    string url = m.Groups["url"].Value;
                    help.RelatedLinks.Add(new RelatedLink(linkText.Length > 0 ? linkText : url, HelpMarkdown.IsAbsoluteUrl(url) ? url : string.Empty));
                }
            }
        }
    }
}
