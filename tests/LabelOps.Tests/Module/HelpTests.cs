using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>Get-Help is part of the product: every exported cmdlet has real help, offline, from out/LabelOps/en-US.</summary>
    public sealed class HelpTests : IDisposable
    {
        private static readonly string[] CommonParameters =
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
            "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        };

        // Commands from PowerShell's own modules and Azure Automation that help examples may use. The hosted engine
        // has only Microsoft.PowerShell.Core, so these cannot be looked up with Get-Command here.
        private static readonly HashSet<string> KnownCommands = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Import-Csv", "Export-Csv", "ConvertFrom-Csv", "ConvertTo-Csv", "Select-Object", "Sort-Object", "Group-Object", "Measure-Object",
            "Format-Table", "Format-List", "Out-File", "Out-String", "Out-GridView", "Get-Content", "Set-Content", "Add-Content",
            "Get-ChildItem", "Get-Item", "New-Item", "Remove-Item", "Copy-Item", "Move-Item", "Test-Path", "Join-Path", "Split-Path",
            "Resolve-Path", "Get-Date", "Write-Host", "Write-Output", "Write-Warning", "Write-Verbose", "Write-Error", "Write-Information",
            "ConvertTo-Json", "ConvertFrom-Json", "ConvertTo-SecureString", "ConvertFrom-SecureString", "Read-Host", "Get-Credential",
            "Get-AutomationPSCredential", "Get-AutomationVariable", "Set-AutomationVariable", "Start-Sleep", "Invoke-RestMethod",
            "Invoke-WebRequest", "Tee-Object", "Get-Member", "New-Object", "Add-Member", "Compare-Object", "Select-String",
            "Start-Job", "Receive-Job", "Wait-Job", "Get-Random", "New-TimeSpan", "Export-Clixml", "Import-Clixml", "Set-Location",
            "Push-Location", "Pop-Location", "Get-Location", "Expand-Archive", "Compress-Archive", "Get-FileHash", "Set-StrictMode",
            "Write-Progress", "Get-Process", "Stop-Process", "Start-Process", "Unblock-File", "Get-Error", "Clear-Host",
        };

        private readonly HostedPowerShell _shell = new HostedPowerShell();

        public static IEnumerable<object[]> ExportedCmdlets()
        {
            using var shell = new HostedPowerShell();
            return shell.Run("Get-Command -Module LabelOps -CommandType Cmdlet").Output.Select(o => new object[] { ((CmdletInfo)o.BaseObject).Name }).ToList();
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Every_cmdlet_has_a_synopsis_described_parameters_and_at_least_two_examples(string name)
        {
            var help = Help(name);
            var synopsis = (help.Properties["Synopsis"]?.Value?.ToString() ?? string.Empty).Trim();
            Assert.False(string.IsNullOrWhiteSpace(synopsis), name + " has no synopsis");
            Assert.DoesNotContain(name + " ", synopsis.StartsWith(name, StringComparison.Ordinal) ? synopsis : "x"); // not the generated syntax stub

            var command = (CmdletInfo)_shell.Run("Get-Command " + name).Output.Single().BaseObject;
            var actual = command.Parameters.Keys.Where(p => !CommonParameters.Contains(p)).OrderBy(p => p).ToList();
            var documented = Parameters(help);
            Assert.Equal(actual, documented.Keys.Where(k => !CommonParameters.Contains(k)).OrderBy(p => p).ToList());
            foreach (var parameter in actual)
            {
                Assert.False(string.IsNullOrWhiteSpace(documented[parameter]), name + " -" + parameter + " has no description");
            }

            var examples = Examples(help);
            Assert.True(examples.Count >= 2, name + " has " + examples.Count + " example(s)");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Every_command_an_example_uses_exists(string name)
        {
            var exported = new HashSet<string>(ExportedCmdlets().Select(o => (string)o[0]), StringComparer.OrdinalIgnoreCase);
            foreach (var code in Examples(Help(name)))
            {
                var ast = CommandPart(code);
                Assert.True(ast != null, name + " example does not parse: " + code);
                foreach (var call in ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
                {
                    var commandName = call.GetCommandName();
                    if (commandName == null || !commandName.Contains('-') || commandName.StartsWith("./", StringComparison.Ordinal) || commandName.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                    var isOurs = commandName.Contains("-Hitl", StringComparison.OrdinalIgnoreCase) || commandName.Contains("-Ango", StringComparison.OrdinalIgnoreCase);
                    var isAzure = commandName.IndexOf("-Az", StringComparison.OrdinalIgnoreCase) > 0; // Azure PowerShell (Az modules), for runbook examples
                    Assert.True(isOurs ? exported.Contains(commandName) : isAzure || KnownCommands.Contains(commandName) || Exists(commandName),
                        name + " example uses unknown command " + commandName);
                }
            }
        }

        [Fact]
        public void About_topics_are_installed()
        {
            var result = _shell.Run("Get-Help about_LabelOps");

            Assert.Contains(result.Output, o => o.ToString().Contains("LabelOps", StringComparison.Ordinal));
        }

        /// <summary>
        /// The example's commands: PlatyPS puts a following ```Output block into the same MAML code element, so the
        /// longest prefix (cut at blank lines) that parses cleanly is the command part; null when no prefix parses.
        /// </summary>
        private static ScriptBlockAst? CommandPart(string code)
        {
            var lines = code.Replace("\r\n", "\n").Split('\n');
            for (var end = lines.Length; end > 0; end--)
            {
                if (end < lines.Length && lines[end].Trim().Length != 0) continue;
                var ast = Parser.ParseInput(string.Join("\n", lines.Take(end)), out _, out var errors);
                if (errors.Length == 0 && ast.FindAll(a => a is CommandAst, true).Any()) return ast;
            }
            return null;
        }

        private bool Exists(string command) => _shell.Run("Get-Command " + command + " -ErrorAction SilentlyContinue").Output.Count > 0;

        private PSObject Help(string name)
        {
            var result = _shell.Run("Get-Help " + name + " -Full");
            Assert.Empty(result.Errors);
            return result.Output.Single();
        }

        private static Dictionary<string, string> Parameters(PSObject help)
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var parameters = (help.Properties["parameters"]?.Value as PSObject)?.Properties["parameter"]?.Value;
            foreach (var item in Items(parameters))
            {
                var name = item.Properties["name"]?.Value?.ToString() ?? string.Empty;
                map[name] = Text(item.Properties["description"]?.Value);
            }
            return map;
        }

        private static List<string> Examples(PSObject help)
        {
            var examples = (help.Properties["examples"]?.Value as PSObject)?.Properties["example"]?.Value;
            return Items(examples).Select(e => e.Properties["code"]?.Value?.ToString() ?? string.Empty).Where(c => c.Trim().Length > 0).ToList();
        }

        private static IEnumerable<PSObject> Items(object? value)
        {
            if (value == null) yield break;
            if (value is PSObject single && !(single.BaseObject is object[]))
            {
                yield return single;
                yield break;
            }
            var array = value is PSObject wrapped ? (object[])wrapped.BaseObject : (object[])value;
            foreach (var item in array) yield return item as PSObject ?? PSObject.AsPSObject(item);
        }

        private static string Text(object? description) =>
            string.Join(" ", Items(description).Select(d => d.Properties["Text"]?.Value?.ToString() ?? string.Empty)).Trim();

        public void Dispose() => _shell.Dispose();
    }
}
