using System.Collections.Generic;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// What <see cref="HelpFolderCompiler.Compile"/> wrote (full paths; <see cref="MamlFile"/> is null when the folder
    /// had no cmdlet help) and skipped (files that are neither cmdlet help nor about topics, e.g. PlatyPS's module page).
    /// </summary>
    public sealed record HelpCompileResult(string? MamlFile, IReadOnlyList<CommandHelp> Commands, IReadOnlyList<string> AboutFiles, IReadOnlyList<string> SkippedFiles);
}
