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

        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        /// <summary>True when the PARAMETERS section has a CommonParameters entry.</summary>
        public bool SupportsCommonParameters { get; set; }

        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();

        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();

        public List<string> Notes { get; } = new List<string>();

        public List<RelatedLink> RelatedLinks { get; } = new List<RelatedLink>();

        public string Verb => Name.Split('-')[0];

        public string Noun => Name.Contains('-') ? Name.Substring(Name.IndexOf('-') + 1) : string.Empty;

        /// <summary>
        /// The syntax items Get-Help shows, one per parameter set. Like PlatyPS, they are built from the
        /// parameters' metadata (the SYNTAX code blocks are documentation only); the SYNTAX section supplies
        /// the order of the sets. Parameters in "(All)" sets appear in every item.
        /// </summary>
        public IReadOnlyList<SyntaxItem> BuildSyntax()
        {
            IEnumerable<string> namedSets = Parameters.SelectMany(p => p.Metadata).SelectMany(md => md.ParameterSets);
            List<string> setNames = SyntaxParameterSets
                .Where(name => Parameters.Any(p => p.Metadata.Any(md => md.InSet(name, exact: true))))
                .Concat(namedSets)
                .Where(name => !ParameterMetadata.IsAllSets(name))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (setNames.Count == 0)
            {
                return new[] { new SyntaxItem(null, Order(Parameters.Select(p => new SyntaxParameter(p, p.Primary)))) };
            }

            // A parameter's metadata for a set: the block naming it, else an "(All)" block; no yaml at all is (All).
            return setNames.Select(set => new SyntaxItem(set, Order(Parameters
                .Select(p => (p, md: p.Metadata.Count == 0 ? ParameterMetadata.Default
                    : p.Metadata.FirstOrDefault(x => x.InSet(set, exact: true)) ?? p.Metadata.FirstOrDefault(x => x.InSet(set, exact: false))))
                .Where(x => x.md != null)
                .Select(x => new SyntaxParameter(x.p, x.md!))))).ToList();
        }

        /// <summary>Positional parameters first (by position), then mandatory named ones, then the rest; stable otherwise.</summary>
        private static IReadOnlyList<SyntaxParameter> Order(IEnumerable<SyntaxParameter> parameters) =>
            parameters
                .OrderBy(p => p.Metadata.PositionNumber.HasValue ? 0 : p.Metadata.Required ? 1 : 2)
                .ThenBy(p => p.Metadata.PositionNumber ?? 0)
                .ToList();
    }
}
