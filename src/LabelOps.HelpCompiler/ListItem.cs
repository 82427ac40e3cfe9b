using System.Collections.Generic;

namespace LabelOps.HelpCompiler
{
    /// <summary>A list item: its marker ("-", or "1." etc.) and its text lines, trimmed.</summary>
    public sealed record ListItem(string Marker, List<string> Lines);
}
