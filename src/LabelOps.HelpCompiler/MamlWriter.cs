using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace LabelOps.HelpCompiler
{
    /// <summary>
    /// Writes <see cref="CommandHelp"/> as MAML, the XML PowerShell's Get-Help reads from
    /// &lt;Assembly&gt;.dll-Help.xml: a helpItems root (schema="maml") holding one command:command per cmdlet,
    /// with the maml/command/dev namespaces PowerShell expects and the element layout New-ExternalHelp emits
    /// (details, description, syntax, parameters, inputTypes, returnValues, alertSet, examples, relatedLinks).
    /// </summary>
    public static class MamlWriter
    {
        public static readonly XNamespace Msh = "http://msh";
        public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        public static readonly XNamespace MSHelp = "http://msdn.microsoft.com/mshelp";

        /// <summary>Width the example titles are padded to with dashes, like PowerShell's own help.</summary>
        private const int ExampleTitleWidth = 64;

        /// <summary>Builds the MAML document for <paramref name="commands"/> (in the order given).</summary>
        public static XDocument Write(IEnumerable<CommandHelp> commands)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
            foreach (CommandHelp command in commands)
            {
                root.Add(WriteCommand(command));
            }

            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        /// <summary>The MAML text (UTF-8 declaration, two-space indentation, "\n" line ends).</summary>
        public static string WriteToString(IEnumerable<CommandHelp> commands)
        {
            var sb = new StringBuilder();
            using (var writer = XmlWriter.Create(new Utf8StringWriter(sb), Settings()))
            {
                Write(commands).Save(writer);
            }

            return sb.Append('\n').ToString();
        }

        /// <summary>Writes the MAML file as UTF-8 with a byte-order mark (what New-ExternalHelp writes; safe for Windows PowerShell 5.1).</summary>
        public static void WriteToFile(IEnumerable<CommandHelp> commands, string path)
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            File.WriteAllText(path, WriteToString(commands), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }

        private static XmlWriterSettings Settings() => new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
            Encoding = new UTF8Encoding(false),
        };

        private sealed class Utf8StringWriter : StringWriter
        {
            public Utf8StringWriter(StringBuilder sb)
                : base(sb, System.Globalization.CultureInfo.InvariantCulture)
            {
            }

            public override Encoding Encoding => new UTF8Encoding(false);
        }

        private static XElement WriteCommand(CommandHelp command)
        {
            var element = new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "command", Command.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp.NamespaceName),
                new XElement(Command + "details",
                    new XElement(Command + "name", command.Name),
                    new XElement(Command + "verb", command.Verb),
                    new XElement(Command + "noun", command.Noun),
                    Description(Maml + "description", command.Synopsis)),
                Description(Maml + "description", command.Description),
                Syntax(command),
                new XElement(Command + "parameters",
                    command.Parameters.Select(p => Parameter(p, p.Primary, inSyntax: false))));

            if (command.Inputs.Count > 0)
            {
                element.Add(new XElement(Command + "inputTypes",
                    command.Inputs.Select(t => new XElement(Command + "inputType", TypeAndDescription(t)))));
            }

            if (command.Outputs.Count > 0)
            {
                element.Add(new XElement(Command + "returnValues",
                    command.Outputs.Select(t => new XElement(Command + "returnValue", TypeAndDescription(t)))));
            }

            if (command.Notes.Count > 0)
            {
                element.Add(new XElement(Maml + "alertSet",
                    new XElement(Maml + "alert", Paras(command.Notes))));
            }

            if (command.Examples.Count > 0)
            {
                element.Add(new XElement(Command + "examples",
                    command.Examples.Select(e => new XElement(Command + "example",
                        new XElement(Maml + "title", ExampleTitle(e.Title)),
                        new XElement(Dev + "code", e.Code),
                        new XElement(Dev + "remarks", Paras(e.Remarks))))));
            }

            List<XElement> links = RelatedLinks(command);
            if (links.Count > 0)
            {
                element.Add(new XElement(Command + "relatedLinks", links));
            }

            return element;
        }

        private static XElement Description(XName name, IEnumerable<string> paragraphs) => new XElement(name, Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
            paragraphs.Select(p => new XElement(Maml + "para", p));

        private static IEnumerable<XElement> TypeAndDescription(TypeHelp type) => new[]
        {
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(Maml + "description", type.Description),
        };

        /// <summary>"Example 1: Get a label" -> "---------- Example 1: Get a label ----------".</summary>
        public static string ExampleTitle(string title)
        {
            int dashes = Math.Max(2, (ExampleTitleWidth - title.Length - 2) / 2);
            string side = new string('-', dashes);
            return $"{side} {title} {side}";
        }

        private static XElement Syntax(CommandHelp command) =>
            new XElement(Command + "syntax",
                command.BuildSyntax().Select(item => new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", command.Name),
                    item.Parameters.Select(sp => Parameter(sp.Parameter, sp.Metadata, inSyntax: true)))));

        private static XElement Parameter(ParameterHelp parameter, ParameterMetadata md, bool inSyntax)
        {
            bool variableLength = md.Type.EndsWith("[]", StringComparison.Ordinal);
            var element = new XElement(Command + "parameter",
                new XAttribute("required", Bool(md.Required)),
                new XAttribute("variableLength", Bool(variableLength)),
                new XAttribute("globbing", Bool(md.Globbing)),
                new XAttribute("pipelineInput", md.PipelineInput),
                new XAttribute("position", md.Position),
                new XAttribute("aliases", md.Aliases.Count > 0 ? string.Join(", ", md.Aliases) : "none"),
                new XElement(Maml + "name", parameter.Name),
                Description(Maml + "description", parameter.Description));

            if (inSyntax && md.AcceptedValues.Count > 0)
            {
                element.Add(new XElement(Command + "parameterValueGroup",
                    md.AcceptedValues.Select(v => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"),
                        new XAttribute("variableLength", "false"),
                        v))));
            }

            // In a syntax item a switch shows as "[-Name]": PowerShell would print "[-Name <SwitchParameter>]"
            // if it had a parameterValue, so (like PlatyPS) leave it out there.
            if (!(inSyntax && md.IsSwitch))
            {
                element.Add(new XElement(Command + "parameterValue",
                    new XAttribute("required", Bool(!md.IsSwitch)),
                    new XAttribute("variableLength", Bool(variableLength)),
                    md.Type));
            }

            element.Add(
                new XElement(Dev + "type",
                    new XElement(Maml + "name", md.Type),
                    new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", md.DefaultValue));
            return element;
        }

        private static List<XElement> RelatedLinks(CommandHelp command)
        {
            var links = new List<XElement>();
            string? online = command.OnlineVersion;
            if (online != null && HelpMarkdown.IsAbsoluteUrl(online) &&
                !command.RelatedLinks.Any(l => l.Text.StartsWith("Online Version", StringComparison.OrdinalIgnoreCase)))
            {
                // New-ExternalHelp turns "online version" into the first link; Get-Help -Online opens it.
                links.Add(Link("Online Version:", online));
            }

            links.AddRange(command.RelatedLinks.Select(l => Link(l.Text, l.Uri)));
            return links;
        }

                private static XElement Link(string text, string uri) =>
            new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", text),
                new XElement(Maml + "uri", uri));

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
