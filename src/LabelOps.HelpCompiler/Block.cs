using System;
using System.Collections.Generic;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// One block of a help file. Heading: <see cref="Level"/> and <see cref="Text"/>. Paragraph and quote:
    /// <see cref="Lines"/>, trimmed (a quote's without its '&gt;'). Code: <see cref="Info"/> ("powershell",
    /// "yaml", "Output" or empty) and its lines verbatim. List: <see cref="Items"/>.
    /// </summary>
    public sealed record Block(BlockKind Kind, int Line, IReadOnlyList<string> Lines, int Level = 0, string Text = "", string Info = "")
    {
        public IReadOnlyList<ListItem> Items { get; init; } = Array.Empty<ListItem>();
    }
}
