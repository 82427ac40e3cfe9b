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
        public static XDocument Write(IEnumerable<CommandHelp> commands) =>
            new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(WriteCommand)));

        /// <summary>The MAML text (UTF-8 declaration, two-space indentation, "\n" line ends).</summary>
        public static string WriteToString(IEnumerable<CommandHelp> commands)
        {
            var stream = new MemoryStream();
            var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace, Encoding = new UTF8Encoding(false) };
            using (var writer = XmlWriter.Create(stream, settings))
            {
                Write(commands).Save(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
        }

        /// <summary>Writes the MAML file as UTF-8 with a byte-order mark (what New-ExternalHelp writes; safe for Windows PowerShell 5.1).</summary>
        public static void WriteToFile(IEnumerable<CommandHelp> commands, string path) =>
            File.WriteAllText(path, WriteToString(commands), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        private static XElement WriteCommand(CommandHelp command)
        {
            // New-ExternalHelp turns "online version" into the first link; Get-Help -Online opens it.
            string? online = command.OnlineVersion;
            bool onlineLink = online != null && HelpMarkdown.IsAbsoluteUrl(online) &&
                !command.RelatedLinks.Any(l => l.Text.StartsWith("Online Version", StringComparison.OrdinalIgnoreCase));
            var links = (onlineLink ? new[] { new RelatedLink("Online Version:", online!) } : Array.Empty<RelatedLink>()).Concat(command.RelatedLinks).ToList();

            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "command", Command.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dev", Dev.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MSHelp.NamespaceName),
                new XElement(Command + "details",
                    new XElement(Command + "name", command.Name),
                    new XElement(Command + "verb", command.Verb),
                    new XElement(Command + "noun", command.Noun),
                    Description(command.Synopsis)),
                Description(command.Description),
                new XElement(Command + "syntax", command.BuildSyntax().Select(item => new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", command.Name),
                    item.Parameters.Select(sp => Parameter(sp.Parameter, sp.Metadata, inSyntax: true))))),
                new XElement(Command + "parameters", command.Parameters.Select(p => Parameter(p, p.Primary, inSyntax: false))),
                command.Inputs.Count == 0 ? null : new XElement(Command + "inputTypes", command.Inputs.Select(t => new XElement(Command + "inputType", TypeAndDescription(t)))),
                command.Outputs.Count == 0 ? null : new XElement(Command + "returnValues", command.Outputs.Select(t => new XElement(Command + "returnValue", TypeAndDescription(t)))),
                command.Notes.Count == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(command.Notes))),
                command.Examples.Count == 0 ? null : new XElement(Command + "examples", command.Examples.Select(e => new XElement(Command + "example",
                    new XElement(Maml + "title", ExampleTitle(e.Title)),
                    new XElement(Dev + "code", e.Code),
                    new XElement(Dev + "remarks", Paras(e.Remarks))))),
                links.Count == 0 ? null : new XElement(Command + "relatedLinks", links.Select(l => new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", l.Uri)))));
        }

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

        private static XElement[] TypeAndDescription(TypeHelp type) =>
            new[] { new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)), Description(type.Description) };

        /// <summary>"Example 1: Get a label" -> "---------- Example 1: Get a label ----------".</summary>
        public static string ExampleTitle(string title)
        {
            string side = new string('-', Math.Max(2, (ExampleTitleWidth - title.Length - 2) / 2));
            return $"{side} {title} {side}";
        }

        private static XElement Parameter(ParameterHelp parameter, ParameterMetadata md, bool inSyntax)
        {
            string variableLength = Bool(md.Type.EndsWith("[]", StringComparison.Ordinal));
            return new XElement(Command + "parameter",
                new XAttribute("required", Bool(md.Required)),
                new XAttribute("variableLength", variableLength),
                new XAttribute("globbing", Bool(md.Globbing)),
                new XAttribute("pipelineInput", md.PipelineInput),
                new XAttribute("position", md.Position),
                new XAttribute("aliases", md.Aliases.Count > 0 ? string.Join(", ", md.Aliases) : "none"),
                new XElement(Maml + "name", parameter.Name),
                Description(parameter.Description),
                inSyntax && md.AcceptedValues.Count > 0
                    ? new XElement(Command + "parameterValueGroup", md.AcceptedValues.Select(v => new XElement(Command + "parameterValue",
                        new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v)))
                    : null,

                // In a syntax item a switch shows as "[-Name]": PowerShell would print "[-Name <SwitchParameter>]"
                // if it had a parameterValue, so (like PlatyPS) leave it out there.
                inSyntax && md.IsSwitch
                    ? null
                    : new XElement(Command + "parameterValue", new XAttribute("required", Bool(!md.IsSwitch)), new XAttribute("variableLength", variableLength), md.Type),
                new XElement(Dev + "type", new XElement(Maml + "name", md.Type), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", md.DefaultValue));
        }

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
