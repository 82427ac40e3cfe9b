using System;
using System.Collections.Generic;
using System.Linq;

namespace LabelOps.HelpCompiler
{
    /// <summary>Thrown by <see cref="HelpFolderCompiler"/> when one or more files could not be converted.</summary>
    public sealed class HelpCompilationFailedException : Exception
    {
        public HelpCompilationFailedException(IReadOnlyList<HelpCompilerException> errors)
            : base(string.Join(Environment.NewLine, errors.Select(e => e.Message)))
        {
            Errors = errors;
        }

        public IReadOnlyList<HelpCompilerException> Errors { get; }
    }
}
