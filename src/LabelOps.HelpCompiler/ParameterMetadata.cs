using System;
using System.Collections.Generic;
using System.Linq;

namespace LabelOps.HelpCompiler
{
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

        /// <summary>"named" or a number.</summary>
        public string Position { get; set; } = "named";

        public string DefaultValue { get; set; } = "None";

        /// <summary>"False", "True (ByValue)", "True (ByPropertyName)", "True (ByPropertyName, ByValue)".</summary>
        public string PipelineInput { get; set; } = "False";

        public bool Globbing { get; set; }

        public int? PositionNumber => int.TryParse(Position, out int n) ? n : null;

        public bool IsSwitch =>
            string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(Type, "System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);

        public static bool IsAllSets(string name) =>
            string.Equals(name, "(All)", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "__AllParameterSets", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Whether this metadata applies to <paramref name="set"/>: by name when <paramref name="exact"/>,
        /// otherwise through "(All)" (or no "Parameter Sets" line at all).
        /// </summary>
        public bool InSet(string set, bool exact) => exact
            ? ParameterSets.Any(s => string.Equals(s, set, StringComparison.OrdinalIgnoreCase))
            : ParameterSets.Count == 0 || ParameterSets.Any(IsAllSets);
    }
}
