using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// The help of every parameter says what the code does: its type and how it takes pipeline input. (HelpTests
    /// checks that every parameter has a description; this checks the facts beside it, which drift when code changes.)
    /// </summary>
    public sealed class ParameterHelpTests : IDisposable
    {
        private static readonly HashSet<string> CommonParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
            "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        };

        private readonly HostedPowerShell _shell = new HostedPowerShell();

        [Fact]
        public void Every_parameters_help_states_its_type_and_pipeline_input_as_the_code_has_them()
        {
            var offenders = new List<string>();
            foreach (var cmdlet in _shell.Run("Get-Command -Module LabelOps -CommandType Cmdlet").Output.Select(o => (CmdletInfo)o.BaseObject))
            {
                var help = _shell.Run("(Get-Help " + cmdlet.Name + " -Full).parameters.parameter").Output.Where(o => o != null)
                    .ToDictionary(p => p.Properties["name"].Value.ToString()!, StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in cmdlet.Parameters.Values.Where(p => !CommonParameters.Contains(p.Name)))
                {
                    if (!help.TryGetValue(parameter.Name, out var documented)) continue; // HelpTests reports missing parameters
                    var byValue = parameter.ParameterSets.Values.Any(s => s.ValueFromPipeline);
                    var byName = parameter.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName);
                    var pipeline = documented.Properties["pipelineInput"]?.Value?.ToString() ?? string.Empty;
                    var saysPipeline = pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase);
                    if (saysPipeline != (byValue || byName)
                        || pipeline.Contains("ByValue", StringComparison.OrdinalIgnoreCase) != byValue
                        || pipeline.Contains("ByPropertyName", StringComparison.OrdinalIgnoreCase) != byName)
                    {
                        offenders.Add(cmdlet.Name + " -" + parameter.Name + ": help says '" + pipeline + "', code has " + (byValue ? "ByValue " : string.Empty) + (byName ? "ByPropertyName" : string.Empty));
                    }
                    var type = ((documented.Properties["type"]?.Value as PSObject)?.Properties["name"]?.Value?.ToString() ?? string.Empty).Trim();
                    if (!TypeMatches(type, parameter.ParameterType))
                    {
                        offenders.Add(cmdlet.Name + " -" + parameter.Name + ": help says type '" + type + "', code has " + parameter.ParameterType.Name);
                    }
                }
            }

            Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        }

        private static bool TypeMatches(string documented, Type actual)
        {
            var type = Nullable.GetUnderlyingType(actual) ?? actual;
            var name = type.Name;
            var shortName = documented.Split('.').Last();
            return string.Equals(shortName, name, StringComparison.OrdinalIgnoreCase)
                || (type == typeof(SwitchParameter) && string.Equals(shortName, "SwitchParameter", StringComparison.OrdinalIgnoreCase))
                || (type.IsArray && string.Equals(shortName, type.GetElementType()!.Name + "[]", StringComparison.OrdinalIgnoreCase));
        }

        public void Dispose() => _shell.Dispose();
    }
}
