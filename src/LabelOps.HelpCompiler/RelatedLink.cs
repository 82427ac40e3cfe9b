namespace LabelOps.HelpCompiler
{
    /// <summary>A related link; <see cref="Uri"/> is absolute or empty (links to other .md files carry no address in MAML).</summary>
    public sealed record RelatedLink(string Text, string Uri);
}
