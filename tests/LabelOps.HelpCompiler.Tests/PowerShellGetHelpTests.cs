using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using Xunit;

namespace LabelOps.HelpCompiler.Tests
{
    /// <summary>
    /// Hosts the real PowerShell engine (System.Management.Automation 7.6) in-process and lets Get-Help read
    /// the MAML this compiler writes. No LabelOps binary is involved: Get-Sample is a script function whose
    /// ".ExternalHelp" points at the generated file, which makes Get-Help load it through the same MAML reader
    /// it uses for a binary module's LabelOps.dll-Help.xml.
    /// </summary>
    public class PowerShellGetHelpTests
    {
        private const string SampleMarkdown = @"---
external help file: LabelOps.dll-Help.xml
Module Name: LabelOps
online version: https://example.org/help/Get-Sample
schema: 2.0.0
---

# Get-Sample

## SYNOPSIS
Gets samples by name or id.

## SYNTAX

### ByName (Default)
```
Get-Sample [-Name] <String> [-Force] [<CommonParameters>]
```

### ById
```
Get-Sample -Id <Int32> [-Force] [<CommonParameters>]
```

## DESCRIPTION
The Get-Sample cmdlet gets samples.

It has two parameter sets.

## EXAMPLES

### Example 1: By name
```powershell
Get-Sample -Name 'first'
```

Gets the sample named first.

### Example 2: From the pipeline
```powershell
[pscustomobject]@{ Id = 7 } | Get-Sample
```

Ids are bound by property name.

## PARAMETERS

### -Force
Forces it.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### -Id
The sample id.

```yaml
Type: Int32
Parameter Sets: ById
Aliases: SampleId

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Name
The sample name.

```yaml
Type: String
Parameter Sets: ByName
Aliases:

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByValue)
Accept wildcard characters: True
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String

## OUTPUTS

### System.Object
A sample.

## NOTES
Samples are not real.

## RELATED LINKS

[Sample docs](https://example.org/samples)
";

        private const string SampleFunction = @"
function Get-Sample {
    # .ExternalHelp {0}
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(Mandatory, Position = 0, ParameterSetName = 'ByName', ValueFromPipeline)]
        [SupportsWildcards()]
        [string] $Name,

        [Parameter(Mandatory, ParameterSetName = 'ById', ValueFromPipelineByPropertyName)]
        [Alias('SampleId')]
        [int] $Id,

        [switch] $Force
    )
}
";

        [Fact]
        public void Get_Help_reads_the_generated_MAML()
        {
            using TempFolder folder = TestFiles.NewTempFolder();
            string helpFile = Path.Combine(folder.Path, "LabelOps.dll-Help.xml");
            MamlWriter.WriteToFile(new[] { PlatyPsMarkdownReader.ReadCommand(SampleMarkdown, "Get-Sample.md") }, helpFile);

            using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            Invoke(runspace, SampleFunction.Replace("{0}", helpFile));

            // Get-Help -Full: everything comes from our MAML (a function without help would get a generated stub).
            PSObject full = Assert.Single(Invoke(runspace, "Get-Help Get-Sample -Full"));
            Assert.Equal("Get-Sample", Prop(full, "Name"));
            Assert.Equal("Gets samples by name or id.", Text(Prop(full, "Synopsis")));
            Assert.Equal(new[] { "The Get-Sample cmdlet gets samples.", "It has two parameter sets." },
                Items(Prop(full, "description")).Select(p => Text(Prop(p, "Text")).TrimEnd())); // PowerShell ends all but the last para with a newline

            PSObject[] syntaxItems = Items(Prop(Prop(full, "syntax"), "syntaxItem")).ToArray();
            Assert.Equal(2, syntaxItems.Length);
            Assert.Equal(new[] { "Name", "Force" }, Items(Prop(syntaxItems[0], "parameter")).Select(p => Text(Prop(p, "name"))));
            Assert.Equal(new[] { "Id", "Force" }, Items(Prop(syntaxItems[1], "parameter")).Select(p => Text(Prop(p, "name"))));

            PSObject[] parameters = Items(Prop(Prop(full, "parameters"), "parameter")).ToArray();
            Assert.Equal(new[] { "Force", "Id", "Name" }, parameters.Select(p => Text(Prop(p, "name"))));
            PSObject id = parameters[1];
            Assert.Equal("true", Text(Prop(id, "required")));
            Assert.Equal("True (ByPropertyName)", Text(Prop(id, "pipelineInput")));
            Assert.Equal("SampleId", Text(Prop(id, "aliases")));
            Assert.Equal("Int32", Text(Prop(Prop(id, "type"), "name")));

            PSObject[] examples = Items(Prop(Prop(full, "examples"), "example")).ToArray();
            Assert.Equal(2, examples.Length);
            Assert.Contains("Example 1: By name", Text(Prop(examples[0], "title")));
            Assert.Equal("Get-Sample -Name 'first'", Text(Prop(examples[0], "code")));
            Assert.Contains("Ids are bound by property name.", Items(Prop(examples[1], "remarks")).Select(r => Text(Prop(r, "Text"))));

            Assert.Contains("Samples are not real.", Text(Prop(Items(Prop(Prop(full, "alertSet"), "alert")).First(), "Text")));
            Assert.Equal(new[] { "https://example.org/help/Get-Sample", "https://example.org/samples" },
                Items(Prop(Prop(full, "relatedLinks"), "navigationLink")).Select(l => Text(Prop(l, "uri"))));

            // Get-Help -Parameter and -Examples work from the same file.
            PSObject name = Assert.Single(Invoke(runspace, "Get-Help Get-Sample -Parameter Name"));
            Assert.Equal("True (ByValue)", Text(Prop(name, "pipelineInput")));
            Assert.Equal("0", Text(Prop(name, "position")));
            Assert.Equal("true", Text(Prop(name, "globbing")));
            Assert.Equal("The sample name.", Text(Prop(Items(Prop(name, "description")).First(), "Text")));

            PSObject examplesOnly = Assert.Single(Invoke(runspace, "Get-Help Get-Sample -Examples"));
            Assert.Equal(2, Items(Prop(Prop(examplesOnly, "examples"), "example")).Count());

            // PowerShell's own parser accepts every example's code.
            foreach (PSObject example in examples)
            {
                Parser.ParseInput(Text(Prop(example, "code")), out _, out ParseError[] errors);
                Assert.Empty(errors);
            }
        }

        [Fact]
        public void Get_Help_finds_the_generated_about_topic_in_a_module()
        {
            // A script module (no binary) with the generated about topic in its en-US folder, where
            // out/LabelOps/en-US puts it for the real module.
            using TempFolder folder = TestFiles.NewTempFolder();
            string moduleBase = Path.Combine(folder.Path, "SampleModule");
            Directory.CreateDirectory(Path.Combine(moduleBase, "en-US"));
            File.WriteAllText(Path.Combine(moduleBase, "SampleModule.psm1"), "function Get-Sample { }");
            File.WriteAllText(Path.Combine(moduleBase, "SampleModule.psd1"),
                "@{ RootModule = 'SampleModule.psm1'; ModuleVersion = '1.0.0'; GUID = '0f8b3a52-5d3e-4f43-9d7e-3c1a2b4c5d6e'; FunctionsToExport = 'Get-Sample' }");
            string about = AboutTopicWriter.Render(
                "# about_SampleModule\n\n## Short description\nDescribes the sample module in one sentence that is long enough to need more than eighty columns.\n\n## Long description\nMore text.\n",
                "about_SampleModule.md");
            File.WriteAllText(Path.Combine(moduleBase, "en-US", "about_SampleModule.help.txt"), about);

            using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            Invoke(runspace, $"Import-Module '{Path.Combine(moduleBase, "SampleModule.psd1")}'");

            PSObject topic = Assert.Single(Invoke(runspace, "Get-Help about_SampleModule"));
            Assert.Equal(about, Text(topic));
            PSObject listed = Assert.Single(Invoke(runspace, "Get-Help about_SampleMod*"));
            Assert.Equal("Describes the sample module in one sentence that is long enough to need more than eighty columns.", Text(Prop(listed, "Synopsis")));
        }

        private static Collection<PSObject> Invoke(Runspace runspace, string script)
        {
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript(script);
            Collection<PSObject> result = ps.Invoke();
            Assert.False(ps.HadErrors, string.Join(Environment.NewLine, ps.Streams.Error.Select(e => e.ToString())));
            return result;
        }

        private static object? Prop(object? obj, string name)
        {
            Assert.NotNull(obj);
            PSObject pso = PSObject.AsPSObject(obj!);
            PSPropertyInfo? property = pso.Properties[name];
            Assert.True(property != null, $"no property '{name}' on {string.Join(", ", pso.Properties.Select(p => p.Name))}");
            return property!.Value;
        }

        /// <summary>A MAML node's value as PowerShell sees it: a single object or an array of them.</summary>
        private static IEnumerable<PSObject> Items(object? value) => value switch
        {
            null => Enumerable.Empty<PSObject>(),
            object[] array => array.Select(PSObject.AsPSObject),
            _ => new[] { PSObject.AsPSObject(value) },
        };

        private static string Text(object? value) => value switch
        {
            null => string.Empty,
            PSObject pso when pso.BaseObject is string s => s,
            PSObject pso => pso.BaseObject?.ToString() ?? string.Empty,
            _ => value.ToString() ?? string.Empty,
        };
    }
}
