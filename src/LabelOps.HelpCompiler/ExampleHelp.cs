using System.Collections.Generic;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// An example: its heading ("Example 1: Get a label"), its code (the consecutive fenced blocks after the
    /// heading, joined by a blank line) and the paragraphs around the code (text before it first).
    /// </summary>
    public sealed record ExampleHelp(string Title)
    {
        public string Code { get; set; } = string.Empty;

        public List<string> Remarks { get; } = new List<string>();
    }
}
