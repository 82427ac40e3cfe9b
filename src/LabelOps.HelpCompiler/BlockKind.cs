namespace LabelOps.HelpCompiler
{
    public enum BlockKind
    {
        Heading,
        Paragraph,
        Code,
        List,
        Quote,
    }
}
