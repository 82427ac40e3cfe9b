using System.Collections.Generic;

namespace LabelOps.HelpCompiler.Markdown
{
    public enum MarkdownBlockKind
    {
        Heading,
        Paragraph,
        CodeBlock,
        List,
        Table,
        Quote,
    }

    /// <summary>
    /// One block of a markdown document. Only the block structure PlatyPS help uses is modelled:
    /// ATX/setext headings, paragraphs, fenced and indented code, lists, pipe tables and quotes.
    /// Inline markup stays in the text; <see cref="InlineMarkdown"/> flattens it when rendering.
    /// </summary>
    public sealed class MarkdownBlock
    {
        private MarkdownBlock(MarkdownBlockKind kind, int line)
        {
            Kind = kind;
            Line = line;
        }

        public MarkdownBlockKind Kind { get; }

        /// <summary>1-based line in the file (front matter included) where the block starts.</summary>
        public int Line { get; }

        /// <summary>Heading level 1-6; 0 for other blocks.</summary>
        public int Level { get; private set; }

        /// <summary>Heading text (raw inline markdown); empty for other blocks.</summary>
        public string Text { get; private set; } = string.Empty;

        /// <summary>
        /// Paragraph lines (leading/trailing spaces removed, a trailing "hard break" marker kept as "\n"),
        /// code lines verbatim, table rows verbatim, quote lines without the '&gt;'.
        /// </summary>
        public IReadOnlyList<string> Lines { get; private set; } = new List<string>();

        /// <summary>Info string of a fenced code block ("powershell", "yaml", ...); empty if none.</summary>
        public string Info { get; private set; } = string.Empty;

        /// <summary>Items of a list block.</summary>
        public IReadOnlyList<MarkdownListItem> Items { get; private set; } = new List<MarkdownListItem>();

        public static MarkdownBlock Heading(int line, int level, string text) =>
            new MarkdownBlock(MarkdownBlockKind.Heading, line) { Level = level, Text = text };

        public static MarkdownBlock Paragraph(int line, IReadOnlyList<string> lines) =>
            new MarkdownBlock(MarkdownBlockKind.Paragraph, line) { Lines = lines };

        public static MarkdownBlock Code(int line, string info, IReadOnlyList<string> lines) =>
            new MarkdownBlock(MarkdownBlockKind.CodeBlock, line) { Info = info, Lines = lines };

        public static MarkdownBlock List(int line, IReadOnlyList<MarkdownListItem> items) =>
            new MarkdownBlock(MarkdownBlockKind.List, line) { Items = items };

        public static MarkdownBlock Table(int line, IReadOnlyList<string> lines) =>
            new MarkdownBlock(MarkdownBlockKind.Table, line) { Lines = lines };

        public static MarkdownBlock Quote(int line, IReadOnlyList<string> lines) =>
            new MarkdownBlock(MarkdownBlockKind.Quote, line) { Lines = lines };

        public override string ToString() => Kind == MarkdownBlockKind.Heading
            ? $"{new string('#', Level)} {Text} (line {Line})"
            : $"{Kind} (line {Line})";
    }

    /// <summary>One item of a markdown list; nested lists are flattened with a <see cref="Depth"/>.</summary>
    public sealed class MarkdownListItem
    {
        public MarkdownListItem(int depth, bool ordered, string marker, List<string> lines)
        {
            Depth = depth;
            Ordered = ordered;
            Marker = marker;
            Lines = lines;
        }

        /// <summary>0 for a top-level item, 1 for an item nested once, ...</summary>
        public int Depth { get; }

        public bool Ordered { get; }

        /// <summary>"-" for bullets (whatever the source used), "1." etc. for ordered items.</summary>
        public string Marker { get; }

        /// <summary>The item's text lines (inline markdown, trimmed).</summary>
        public List<string> Lines { get; }
    }

    /// <summary>A parsed file: its YAML front matter (simple "key: value" pairs) and its blocks.</summary>
    public sealed class MarkdownDocument
    {
        public MarkdownDocument(IReadOnlyDictionary<string, string> frontMatter, IReadOnlyList<MarkdownBlock> blocks)
        {
            FrontMatter = frontMatter;
            Blocks = blocks;
        }

        /// <summary>Front matter keys, compared case-insensitively. Empty when the file has none.</summary>
        public IReadOnlyDictionary<string, string> FrontMatter { get; }

        public IReadOnlyList<MarkdownBlock> Blocks { get; }
    }
}
