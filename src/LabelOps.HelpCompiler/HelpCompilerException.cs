using System;
using System.Collections.Generic;
using System.Linq;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// A problem in one markdown file: which file, which line (when known) and what is wrong.
    /// <see cref="ToString"/> gives the canonical "file(line): error CODE: message" form, which
    /// MSBuild's Exec task recognises and reports as a build error.
    /// </summary>
    public sealed class HelpCompilerException : Exception
    {
        public const string ErrorCode = "LOHELP001";

        public HelpCompilerException(string filePath, int? line, string problem)
            : base($"{(line.HasValue ? $"{filePath}({line.Value})" : filePath)}: error {ErrorCode}: {problem}")
        {
            FilePath = filePath;
            Line = line;
            Problem = problem;
        }

        /// <summary>The markdown file the problem is in.</summary>
        public string FilePath { get; }

        /// <summary>1-based line number in that file, when the problem has one.</summary>
        public int? Line { get; }

        /// <summary>The problem alone, without file and line.</summary>
        public string Problem { get; }

        public override string ToString() => Message;
    }
}
