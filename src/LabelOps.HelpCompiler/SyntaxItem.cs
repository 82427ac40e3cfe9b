using System.Collections.Generic;

namespace LabelOps.HelpCompiler
{
    /// <summary>One syntax item; <see cref="ParameterSetName"/> is null when the command has a single, unnamed set.</summary>
    public sealed record SyntaxItem(string? ParameterSetName, IReadOnlyList<SyntaxParameter> Parameters);
}
