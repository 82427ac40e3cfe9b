// LabelOps.HelpCompiler: builds LabelOps' PowerShell help from its PlatyPS markdown.
//
// Why this exists: LabelOps' cmdlet help is written as PlatyPS-format markdown (docs/en-US/<Cmdlet-Name>.md
// and docs/en-US/about_*.md). Normally PlatyPS's New-ExternalHelp turns that into the files Get-Help reads,
// but PlatyPS cannot be installed where LabelOps is built and tested: those machines have no pwsh and no
// access to the PowerShell Gallery. This small converter produces what New-ExternalHelp would:
//   <output>/LabelOps.dll-Help.xml   MAML for every cmdlet (Get-Help X, -Examples, -Parameter, -Full, -Online)
//   <output>/about_*.help.txt        about topics as plain text (Get-Help about_LabelOps)
// When PlatyPS is available, build.ps1 uses New-ExternalHelp instead, and this tool is not needed.
//
// Usage: LabelOps.HelpCompiler <markdownFolder> <outputFolder>
// Exit codes: 0 success; 1 a markdown file is not valid help (each problem printed as
// "file(line): error LOHELP001: ..." on stderr, nothing written); 2 bad command line or unreadable folder.

using System;
using System.IO;

namespace LabelOps.HelpCompiler
{
    public static class Program
    {
        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        /// <summary>The command line, with its writers passed in so tests can run it in-process.</summary>
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            if (args.Length != 2 || args[0] is "-h" or "--help" or "/?")
            {
                stderr.WriteLine("Usage: LabelOps.HelpCompiler <markdownFolder> <outputFolder>");
                stderr.WriteLine("  Converts PlatyPS markdown (cmdlet files and about_*.md) into <outputFolder>/LabelOps.dll-Help.xml");
                stderr.WriteLine("  and <outputFolder>/about_*.help.txt, as New-ExternalHelp would.");
                return 2;
            }

            try
            {
                HelpCompileResult result = HelpFolderCompiler.Compile(args[0], args[1]);
                stdout.WriteLine(
                    $"LabelOps.HelpCompiler: {result.Commands.Count} cmdlet(s)" +
                    (result.MamlFile != null ? $" -> {result.MamlFile}" : string.Empty) +
                    $", {result.AboutFiles.Count} about topic(s), {result.SkippedFiles.Count} other file(s) skipped.");
                return 0;
            }
            catch (HelpCompilationFailedException e)
            {
                foreach (HelpCompilerException error in e.Errors)
                {
                    stderr.WriteLine(error.Message);
                }

                stderr.WriteLine($"LabelOps.HelpCompiler: {e.Errors.Count} problem(s) in {args[0]}; no help files were written.");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"LabelOps.HelpCompiler: error: {e.Message}");
                return 2;
            }
        }
    }
}
