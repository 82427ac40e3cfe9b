using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace LabelOps.HelpCompiler.Tests
{
    /// <summary>
    /// Converts a realistic cmdlet page (two parameter sets, pipeline parameters, aliases, a parameter whose
    /// metadata differs per set, two examples) and checks the MAML PowerShell will read.
    /// </summary>
    public class MamlWriterTests
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Cmd = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private static XElement Command()
        {
            CommandHelp help = PlatyPsMarkdownReader.ReadCommand(TestFiles.Read("Get-LabelOpsLabel.md"), "Get-LabelOpsLabel.md");
            // Round-trip through text: this is what lands on disk and what PowerShell parses.
            XDocument doc = XDocument.Parse(MamlWriter.WriteToString(new[] { help }));
            Assert.Equal(Msh + "helpItems", doc.Root!.Name);
            Assert.Equal("maml", (string?)doc.Root.Attribute("schema"));
            return Assert.Single(doc.Root.Elements(Cmd + "command"));
        }

        private static IEnumerable<string> Paras(XElement? parent) =>
            parent?.Elements(Maml + "para").Select(p => p.Value) ?? Enumerable.Empty<string>();

        private static XElement Parameter(XElement container, string name) =>
            Assert.Single(container.Elements(Cmd + "parameter"), p => p.Element(Maml + "name")?.Value == name);

        [Fact]
        public void Details_carry_name_verb_noun_and_synopsis()
        {
            XElement details = Command().Element(Cmd + "details")!;
            Assert.Equal("Get-LabelOpsLabel", details.Element(Cmd + "name")?.Value);
            Assert.Equal("Get", details.Element(Cmd + "verb")?.Value);
            Assert.Equal("LabelOpsLabel", details.Element(Cmd + "noun")?.Value);
            Assert.Equal(new[] { "Gets labels from a LabelOps project." }, Paras(details.Element(Maml + "description")));
        }

        [Fact]
        public void Description_is_split_into_paragraphs_with_markdown_flattened()
        {
            string[] paras = Paras(Command().Element(Maml + "description")).ToArray();
            Assert.Equal(4, paras.Length);
            // soft line break joined, bold markers and link syntax removed, code span kept
            Assert.Equal("The Get-LabelOpsLabel cmdlet gets labels from a project. Labels can be selected by `Id` or by name; see about_LabelOps.", paras[0]);
            Assert.Equal("- use `-IncludeDeleted` to include them\n- results are streamed one label at a time", paras[2]);
            Assert.Equal("NOTE: Requires a connection made with Connect-LabelOps.", paras[3]);
        }

        [Fact]
        public void Every_parameter_has_description_attributes_and_type()
        {
            XElement parameters = Command().Element(Cmd + "parameters")!;
            Assert.Equal(new[] { "Id", "IncludeDeleted", "Name", "Project", "State" },
                parameters.Elements(Cmd + "parameter").Select(p => p.Element(Maml + "name")!.Value));

            XElement id = Parameter(parameters, "Id");
            Assert.Equal("true", (string?)id.Attribute("required"));
            Assert.Equal("True (ByPropertyName, ByValue)", (string?)id.Attribute("pipelineInput"));
            Assert.Equal("0", (string?)id.Attribute("position"));
            Assert.Equal("LabelId", (string?)id.Attribute("aliases"));
            Assert.Equal("false", (string?)id.Attribute("globbing"));
            Assert.Equal(new[] { "The label ids." }, Paras(id.Element(Maml + "description")));
            Assert.Equal("Int32[]", id.Element(Cmd + "parameterValue")?.Value);
            Assert.Equal("Int32[]", id.Element(Dev + "type")?.Element(Maml + "name")?.Value);
            Assert.Equal("None", id.Element(Dev + "defaultValue")?.Value);

            XElement name = Parameter(parameters, "Name");
            Assert.Equal("true", (string?)name.Attribute("required"));
            Assert.Equal("True (ByPropertyName)", (string?)name.Attribute("pipelineInput"));
            Assert.Equal("named", (string?)name.Attribute("position"));
            Assert.Equal("N, LabelName", (string?)name.Attribute("aliases"));
            Assert.Equal("true", (string?)name.Attribute("globbing"));
            Assert.Equal("String", name.Element(Dev + "type")?.Element(Maml + "name")?.Value);

            XElement include = Parameter(parameters, "IncludeDeleted");
            Assert.Equal("false", (string?)include.Attribute("required"));
            Assert.Equal("False", (string?)include.Attribute("pipelineInput"));
            Assert.Equal("none", (string?)include.Attribute("aliases"));
            Assert.Equal("False", include.Element(Dev + "defaultValue")?.Value);
            XElement switchValue = include.Element(Cmd + "parameterValue")!;
            Assert.Equal("SwitchParameter", switchValue.Value);
            Assert.Equal("false", (string?)switchValue.Attribute("required"));

            // -Project has one yaml block per set; the PARAMETERS section shows the first (ById: optional).
            XElement project = Parameter(parameters, "Project");
            Assert.Equal("false", (string?)project.Attribute("required"));
            Assert.Equal("Current project", project.Element(Dev + "defaultValue")?.Value);
            Assert.Equal("P", (string?)project.Attribute("aliases"));
        }

        [Fact]
        public void Syntax_has_one_item_per_parameter_set_with_that_sets_metadata()
        {
            XElement[] items = Command().Element(Cmd + "syntax")!.Elements(Cmd + "syntaxItem").ToArray();
            Assert.Equal(2, items.Length);
            Assert.All(items, i => Assert.Equal("Get-LabelOpsLabel", i.Element(Maml + "name")?.Value));

            string[] Names(XElement item) => item.Elements(Cmd + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToArray();

            // ById (Default) first, as in SYNTAX; positional first; (All) parameters in both sets.
            Assert.Equal(new[] { "Id", "IncludeDeleted", "Project" }, Names(items[0]));
            Assert.Equal(new[] { "Project", "Name", "IncludeDeleted", "State" }, Names(items[1]));

            // The set-specific yaml block is used: -Project is mandatory and positional only in ByName.
            XElement projectById = Parameter(items[0], "Project");
            XElement projectByName = Parameter(items[1], "Project");
            Assert.Equal("false", (string?)projectById.Attribute("required"));
            Assert.Equal("named", (string?)projectById.Attribute("position"));
            Assert.Equal("true", (string?)projectByName.Attribute("required"));
            Assert.Equal("1", (string?)projectByName.Attribute("position"));
            Assert.Equal("True (ByPropertyName)", (string?)projectByName.Attribute("pipelineInput"));

            // A switch shows as [-IncludeDeleted] in syntax: no parameterValue there.
            Assert.Null(Parameter(items[0], "IncludeDeleted").Element(Cmd + "parameterValue"));
            // Accepted values become a parameterValueGroup in syntax ({Open | Closed}).
            Assert.Equal(new[] { "Open", "Closed" },
                Parameter(items[1], "State").Element(Cmd + "parameterValueGroup")!.Elements(Cmd + "parameterValue").Select(v => v.Value));
        }

        [Fact]
        public void Examples_keep_title_code_and_remarks()
        {
            XElement[] examples = Command().Element(Cmd + "examples")!.Elements(Cmd + "example").ToArray();
            Assert.Equal(2, examples.Length);

            Assert.Contains("Example 1: Get a label by id", examples[0].Element(Maml + "title")!.Value);
            Assert.StartsWith("---", examples[0].Element(Maml + "title")!.Value);
            Assert.Equal("Get-LabelOpsLabel -Id 42", examples[0].Element(Dev + "code")?.Value);
            Assert.Equal(new[] { "This command gets the label with id 42." }, Paras(examples[0].Element(Dev + "remarks")));

            Assert.Contains("Example 2: Pipe names", examples[1].Element(Maml + "title")!.Value);
            // Only the powershell block is code (what Get-Help shows to paste); the Output block after it opens the
            // remarks, as PlatyPS's own help shows sample output.
            Assert.Equal("'cat', 'dog' | ForEach-Object { Get-LabelOpsLabel -Name $_ }",
                examples[1].Element(Dev + "code")?.Value);
            string[] remarks = Paras(examples[1].Element(Dev + "remarks")).ToArray();
            Assert.Contains("Id Name", remarks[0]);
            Assert.Equal("Labels named cat and dog are returned. The second line of the remark.", remarks[remarks.Length - 1]);
        }

        [Fact]
        public void Inputs_outputs_notes_and_links_are_written()
        {
            XElement command = Command();
            XElement[] inputs = command.Element(Cmd + "inputTypes")!.Elements(Cmd + "inputType").ToArray();
            Assert.Equal(new[] { "System.Int32[]", "System.String" }, inputs.Select(i => i.Element(Dev + "type")!.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "Label ids." }, Paras(inputs[0].Element(Maml + "description")));

            XElement output = Assert.Single(command.Element(Cmd + "returnValues")!.Elements(Cmd + "returnValue"));
            Assert.Equal("LabelOps.Label", output.Element(Dev + "type")?.Element(Maml + "name")?.Value);

            Assert.Equal(new[] { "Labels are cached for 60 seconds." },
                Paras(command.Element(Maml + "alertSet")?.Element(Maml + "alert")));

            var links = command.Element(Cmd + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(l => (Text: l.Element(Maml + "linkText")!.Value, Uri: l.Element(Maml + "uri")!.Value))
                .ToArray();
            Assert.Equal(new[]
            {
                ("Online Version:", "https://example.org/labelops/Get-LabelOpsLabel"),
                ("Set-LabelOpsLabel", ""),
                ("LabelOps docs", "https://example.org/labelops"),
            }, links);
        }

        [Fact]
        public void Command_elements_use_the_namespaces_PowerShell_expects()
        {
            string xml = MamlWriter.WriteToString(new[]
            {
                PlatyPsMarkdownReader.ReadCommand(TestFiles.Read("Get-LabelOpsLabel.md"), "Get-LabelOpsLabel.md"),
            });
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
            Assert.Contains("<helpItems schema=\"maml\" xmlns=\"http://msh\">", xml);
            Assert.Contains("<command:command xmlns:maml=\"http://schemas.microsoft.com/maml/2004/10\" xmlns:command=\"http://schemas.microsoft.com/maml/dev/command/2004/10\" xmlns:dev=\"http://schemas.microsoft.com/maml/dev/2004/10\"", xml);
            Assert.Contains("<command:details>", xml);
            Assert.Contains("<dev:code>", xml);
        }
    }
}
