using System.Collections.Generic;

namespace LabelOps.HelpCompiler
{
    /// <summary>An INPUTS or OUTPUTS entry.</summary>
    public sealed record TypeHelp(string TypeName)
    {
        public List<string> Description { get; } = new List<string>();
    }
}
