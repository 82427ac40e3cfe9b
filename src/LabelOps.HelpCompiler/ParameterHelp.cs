using System.Collections.Generic;
using System.Linq;

namespace LabelOps.HelpCompiler
{
    /// <summary>One "### -Name" entry of the PARAMETERS section; <see cref="Name"/> is without the '-'.</summary>
    public sealed record ParameterHelp(string Name)
    {
        public List<string> Description { get; } = new List<string>();

        /// <summary>
        /// One entry per ```yaml block. PlatyPS writes several when the parameter's metadata differs
        /// between parameter sets (e.g. mandatory in one set, optional in another).
        /// </summary>
        public List<ParameterMetadata> Metadata { get; } = new List<ParameterMetadata>();

        /// <summary>The metadata Get-Help's PARAMETERS section shows: the first block, as PlatyPS does.</summary>
        public ParameterMetadata Primary => Metadata.FirstOrDefault() ?? ParameterMetadata.Default;
    }
}
