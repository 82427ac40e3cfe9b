using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// Does what New-ExternalHelp does for a docs folder: every cmdlet markdown file goes into one MAML file,
    /// every about_*.md becomes about_*.help.txt. All files are checked before anything is written, and
    /// every problem found is reported together.
    /// </summary>
    public static class HelpFolderCompiler
    {
        /// <summary>Used when no cmdlet file names an "external help file" in its front matter.</summary>
        public const string DefaultMamlFileName = "LabelOps.dll-Help.xml";

        /// <exception cref="HelpCompilationFailedException">One or more files are not valid help; nothing was written.</exception>
        /// <exception cref="DirectoryNotFoundException"><paramref name="markdownFolder"/> does not exist.</exception>
        public static HelpCompileResult Compile(string markdownFolder, string outputFolder)
        {
            if (!Directory.Exists(markdownFolder))
            {
                throw new DirectoryNotFoundException($"Markdown folder '{markdownFolder}' does not exist.");
            }

            string[] files = Directory.GetFiles(markdownFolder, "*.md")
                .OrderBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)
                .ToArray();

            var errors = new List<HelpCompilerException>();
            var commands = new List<CommandHelp>();
            var abouts = new List<(string Source, string Text)>();
            var skipped = new List<string>();

            foreach (string file in files)
            {
                string display = DisplayPath(file);
                try
                {
                    string text = File.ReadAllText(file, Encoding.UTF8);
                    HelpMarkdown doc = HelpMarkdown.Parse(text, display);
                    switch (PlatyPsMarkdownReader.Classify(file, doc))
                    {
                        case HelpFileKind.Command:
                            commands.Add(PlatyPsMarkdownReader.ReadCommand(doc, display));
                            break;
                        case HelpFileKind.AboutTopic:
                            abouts.Add((file, AboutTopicWriter.Render(doc, file)));
                            break;
                        default:
                            skipped.Add(Path.GetFullPath(file));
                            break;
                    }
                }
                catch (HelpCompilerException e)
                {
                    errors.Add(e);
                }
            }

            foreach (var group in commands.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                errors.Add(new HelpCompilerException(group.Last().SourceFile, null,
                    $"Cmdlet {group.Key} is documented in more than one file: {string.Join(", ", group.Select(c => c.SourceFile))}."));
            }

            var helpFileNames = commands
                .Where(c => c.ExternalHelpFile != null)
                .GroupBy(c => c.ExternalHelpFile!, StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (helpFileNames.Count > 1)
            {
                string detail = string.Join("; ", helpFileNames.Select(g => $"'{g.Key}' in {string.Join(", ", g.Select(c => Path.GetFileName(c.SourceFile)))}"));
                errors.Add(new HelpCompilerException(helpFileNames[1].First().SourceFile, 1,
                    $"The cmdlet files name different 'external help file' values ({detail}); all cmdlets go into one MAML file, so they must agree."));
            }

            if (errors.Count > 0)
            {
                throw new HelpCompilationFailedException(errors);
            }

            Directory.CreateDirectory(outputFolder);
            string? mamlPath = null;
            if (commands.Count > 0)
            {
                string fileName = helpFileNames.Count == 1 ? Path.GetFileName(helpFileNames[0].Key) : DefaultMamlFileName;
                mamlPath = Path.GetFullPath(Path.Combine(outputFolder, fileName));
                MamlWriter.WriteToFile(commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase), mamlPath);
            }

            var aboutPaths = new List<string>();
            foreach (var (source, text) in abouts)
            {
                string path = Path.GetFullPath(Path.Combine(outputFolder, AboutTopicWriter.OutputFileName(source)));
                File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                aboutPaths.Add(path);
            }

            return new HelpCompileResult(mamlPath, commands, aboutPaths, skipped);
        }

        /// <summary>Paths in messages: relative to the current directory when the file is under it, else full.</summary>
        private static string DisplayPath(string file)
        {
            string full = Path.GetFullPath(file);
            string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        }
    }
}
