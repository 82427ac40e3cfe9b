using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace LabelOps.HelpCompiler
{
    /// <summary>A list item: its marker ("-", or "1." etc.) and its text lines, trimmed.</summary>
    public sealed record ListItem(string Marker, List<string> Lines);
}
