namespace LabelOps.HelpCompiler
{
    public enum HelpFileKind
    {
        /// <summary>A cmdlet help file (PlatyPS cmdlet schema 2.0.0): goes into the MAML file.</summary>
        Command,

        /// <summary>An about_ topic: becomes about_Name.help.txt.</summary>
        AboutTopic,

        /// <summary>Anything else, e.g. PlatyPS's module page (LabelOps.md): not part of Get-Help's files.</summary>
        Other,
    }
}
