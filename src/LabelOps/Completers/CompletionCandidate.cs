namespace LabelOps.Completers
{
    /// <summary>One value a completer can offer: what is inserted, and a name to match and show.</summary>
    internal sealed class CompletionCandidate
    {
        public CompletionCandidate(string value, string? name, string toolTip)
        {
            Value = value;
            Name = name;
            ToolTip = toolTip;
        }

        public string Value { get; }

        public string? Name { get; }

        public string ToolTip { get; }
    }
}
