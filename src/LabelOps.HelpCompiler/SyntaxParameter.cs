namespace LabelOps.HelpCompiler
{
    /// <summary>A parameter as it appears in one syntax item, with that set's metadata.</summary>
    public sealed record SyntaxParameter(ParameterHelp Parameter, ParameterMetadata Metadata);
}
