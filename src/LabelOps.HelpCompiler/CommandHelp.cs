using System;
using System.Collections.Generic;
using System.Linq;

namespace LabelOps.HelpCompiler
{
    /// <summary>Help for one cmdlet, as read from a PlatyPS (schema 2.0.0) markdown file.</summary>
    public sealed class CommandHelp
    {
        public CommandHelp(string name, string sourceFile)
        {
            Name = name;
            SourceFile = sourceFile;
        }

        public string Name { get; }

        /// <summary>The markdown file this help came from (for error messages).</summary>
        public string SourceFile { get; }

        /// <summary>Front matter key/value pairs ("external help file", "Module Name", "online version", ...).</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>"external help file" from the front matter, or null.</summary>
        public string? ExternalHelpFile => Metadata.TryGetValue("external help file", out string? v) && v.Length > 0 ? v : null;

        /// <summary>"online version" from the front matter, or null; Get-Help -Online opens it.</summary>
        public string? OnlineVersion => Metadata.TryGetValue("online version", out string? v) && v.Length > 0 ? v : null;

        public List<string> Synopsis { get; } = new List<string>();

        public List<string> Description { get; } = new List<string>();

        /// <summary>Parameter set names in the order of the SYNTAX section ("(Default)" removed).</summary>
        public List<string> SyntaxParameterSets { get; } = new List<string>();

        /// <summary>The set the SYNTAX section marks "(Default)", if any.</summary>
        public string? DefaultParameterSet { get; set; }

        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        /// <summary>True when the PARAMETERS section has a CommonParameters entry.</summary>
        public bool SupportsCommonParameters { get; set; }

        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();

        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();

        public List<string> Notes { get; } = new List<string>();

        public List<RelatedLink> RelatedLinks { get; } = new List<RelatedLink>();

        public string Verb => Name.Contains('-') ? Name.Substring(0, Name.IndexOf('-')) : Name;

        public string Noun => Name.Contains('-') ? Name.Substring(Name.IndexOf('-') + 1) : string.Empty;

        /// <summary>
        /// The syntax items Get-Help shows, one per parameter set. Like PlatyPS, they are built from the
        /// parameters' metadata (the SYNTAX code blocks are documentation only); the SYNTAX section supplies
        /// the order of the sets. Parameters in "(All)" sets appear in every item.
        /// </summary>
        public IReadOnlyList<SyntaxItem> BuildSyntax()
        {
            var setNames = new List<string>();
            foreach (string name in SyntaxParameterSets)
            {
                if (!ParameterMetadata.IsAllSets(name) && Parameters.Any(p => p.Metadata.Any(md => md.InSet(name, exact: true))))
                {
                    AddDistinct(setNames, name);
                }
            }

            foreach (ParameterHelp p in Parameters)
            {
                foreach (ParameterMetadata md in p.Metadata)
                {
                    foreach (string set in md.ParameterSets)
                    {
                        if (!ParameterMetadata.IsAllSets(set))
                        {
                            AddDistinct(setNames, set);
                        }
                    }
                }
            }

            var items = new List<SyntaxItem>();
            if (setNames.Count == 0)
            {
                var all = Parameters
                    .Select(p => new SyntaxParameter(p, p.Metadata.FirstOrDefault() ?? ParameterMetadata.Default))
                    .ToList();
                items.Add(new SyntaxItem(null, Order(all)));
                return items;
            }

            foreach (string set in setNames)
            {
                var members = new List<SyntaxParameter>();
                foreach (ParameterHelp p in Parameters)
                {
                    ParameterMetadata? md = p.Metadata.FirstOrDefault(x => x.InSet(set, exact: true))
                        ?? p.Metadata.FirstOrDefault(x => x.InSet(set, exact: false));
                    if (md is null && p.Metadata.Count == 0)
                    {
                        md = ParameterMetadata.Default; // no yaml at all: PlatyPS treats it as (All)
                    }

                    if (md != null)
                    {
                        members.Add(new SyntaxParameter(p, md));
                    }
                }

                items.Add(new SyntaxItem(set, Order(members)));
            }

            return items;
        }

        /// <summary>Positional parameters first (by position), then mandatory named ones, then the rest; stable otherwise.</summary>
        private static IReadOnlyList<SyntaxParameter> Order(List<SyntaxParameter> parameters) =>
            parameters
                .Select((p, index) => (p, index))
                .OrderBy(x => x.p.Metadata.PositionNumber.HasValue ? 0 : x.p.Metadata.Required ? 1 : 2)
                .ThenBy(x => x.p.Metadata.PositionNumber ?? 0)
                .ThenBy(x => x.index)
                .Select(x => x.p)
                .ToList();

        private static void AddDistinct(List<string> names, string name)
        {
            if (!names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(name);
            }
        }
    }

    /// <summary>One "### -Name" entry of the PARAMETERS section.</summary>
    public sealed class ParameterHelp
    {
        public ParameterHelp(string name)
        {
            Name = name;
        }

        /// <summary>Name without the leading '-'.</summary>
        public string Name { get; }

        public List<string> Description { get; } = new List<string>();

        /// <summary>
        /// One entry per ```yaml block. PlatyPS writes several when the parameter's metadata differs
        /// between parameter sets (e.g. mandatory in one set, optional in another).
        /// </summary>
        public List<ParameterMetadata> Metadata { get; } = new List<ParameterMetadata>();

        /// <summary>The metadata Get-Help's PARAMETERS section shows: the first block, as PlatyPS does.</summary>
        public ParameterMetadata Primary => Metadata.FirstOrDefault() ?? ParameterMetadata.Default;
    }

    /// <summary>The yaml block of a parameter.</summary>
    public sealed class ParameterMetadata
    {
        public static readonly ParameterMetadata Default = new ParameterMetadata();

        public string Type { get; set; } = "Object";

        /// <summary>Set names; "(All)" means every set.</summary>
        public List<string> ParameterSets { get; } = new List<string>();

        public List<string> Aliases { get; } = new List<string>();

        public List<string> AcceptedValues { get; } = new List<string>();

        public bool Required { get; set; }

        /// <summary>"named" or a number, as written ("Named" is normalised to "named").</summary>
        public string Position { get; set; } = "named";

        public string DefaultValue { get; set; } = "None";

        /// <summary>"False", "True (ByValue)", "True (ByPropertyName)", "True (ByPropertyName, ByValue)".</summary>
        public string PipelineInput { get; set; } = "False";

        public bool Globbing { get; set; }

        public int? PositionNumber => int.TryParse(Position, out int n) ? n : null;

        public bool IsSwitch =>
            string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Type, "System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Type, "switch", StringComparison.OrdinalIgnoreCase);

        public static bool IsAllSets(string name) =>
            string.Equals(name, "(All)", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, "__AllParameterSets", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Whether this metadata applies to <paramref name="set"/>: by name when <paramref name="exact"/>,
        /// otherwise through "(All)" (or no "Parameter Sets" line at all).
        /// </summary>
        public bool InSet(string set, bool exact)
        {
            if (exact)
            {
                return ParameterSets.Any(s => string.Equals(s, set, StringComparison.OrdinalIgnoreCase));
            }

            return ParameterSets.Count == 0 || ParameterSets.Any(IsAllSets);
        }
    }

    public sealed class ExampleHelp
    {
        public ExampleHelp(string title)
        {
            Title = title;
        }

        /// <summary>The heading text, e.g. "Example 1: Get a label".</summary>
        public string Title { get; }

        /// <summary>The example's code: consecutive fenced blocks after the heading, joined by a blank line.</summary>
        public string Code { get; set; } = string.Empty;

        /// <summary>Paragraphs around the code (text before the code first, then text after it).</summary>
        public List<string> Remarks { get; } = new List<string>();
    }

    /// <summary>An INPUTS or OUTPUTS entry.</summary>
    public sealed class TypeHelp
    {
        public TypeHelp(string typeName)
        {
            TypeName = typeName;
        }

        public string TypeName { get; }

        public List<string> Description { get; } = new List<string>();
    }

    public sealed class RelatedLink
    {
        public RelatedLink(string text, string uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }

        /// <summary>Absolute URL, or empty (relative links to other .md files carry no address in MAML).</summary>
        public string Uri { get; }
    }

    public sealed class SyntaxItem
    {
        public SyntaxItem(string? parameterSetName, IReadOnlyList<SyntaxParameter> parameters)
        {
            ParameterSetName = parameterSetName;
            Parameters = parameters;
        }

        /// <summary>Null when the command has a single, unnamed set.</summary>
        public string? ParameterSetName { get; }

        public IReadOnlyList<SyntaxParameter> Parameters { get; }
    }

    /// <summary>A parameter as it appears in one syntax item, with that set's metadata.</summary>
    public sealed class SyntaxParameter
    {
        public SyntaxParameter(ParameterHelp parameter, ParameterMetadata metadata)
        {
            Parameter = parameter;
            Metadata = metadata;
        }

        public ParameterHelp Parameter { get; }

        public ParameterMetadata Metadata { get; }
    }
}
