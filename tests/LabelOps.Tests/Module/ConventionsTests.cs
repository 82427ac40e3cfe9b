using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// The PowerShell habits users expect, checked over every exported cmdlet as the hosted engine sees it
    /// (Get-Command, then reflection over each cmdlet's attributes). Each rule lists every offender in one
    /// message; exceptions are named here with the reason, so a new cmdlet either follows the rule or says why not.
    /// </summary>
    public sealed class ConventionsTests : IDisposable
    {
        private static readonly HashSet<string> CommonParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
            "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
        };

        // Verbs whose cmdlets change state somewhere (the service, or files on disk) and so must honour -WhatIf/-Confirm.
        // Not in the list, on purpose: Get/Test/Wait/ConvertFrom (read only), Connect/Disconnect (they change only
        // this runspace's default session, like Connect-AzAccount), Export (Export-AngoAnnotation asks the service for
        // an archive of what exists and streams it or saves it where -Path says; it changes nothing in the project).
        private static readonly HashSet<string> StateChangingVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "New", "Set", "Remove", "Stop", "Move", "Add", "Import", "Send", "Invoke", "Save",
        };

        // Get-* cmdlets that return one thing or a list the service does not page, with why they take no -First/-Skip.
        private static readonly Dictionary<string, string> NotPaged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Get-HitlSession"] = "the default session: one object",
            ["Get-AngoSession"] = "the default session: one object",
            ["Get-HitlProject"] = "one project by id (HITL has no project list)",
            ["Get-HitlJob"] = "GET /v1/jobs/{project} returns every job at once, with no page or limit parameters",
            ["Get-HitlMetric"] = "one report row per project per period, computed by the service in one response",
            ["Get-HitlEgressIp"] = "one address",
            ["Get-AngoBatch"] = "the batches are part of the project document (GET /project/{id}), not a paged list",
            ["Get-AngoCategorySchema"] = "one schema per project",
            ["Get-AngoWorkflow"] = "the stages are part of the project document",
            ["Get-AngoMetric"] = "one overview metric per project, in one response",
            ["Get-AngoProjectPerformance"] = "one performance report per project, in one response",
            ["Get-AngoTaskHistory"] = "a task's history comes in one response",
        };

        // Parameters named ...Id that do not bind from the pipeline, and why.
        private static readonly Dictionary<string, string> IdsNotFromThePipeline = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Add-AngoAsset -ProjectId"] = Collected,
            ["Add-AngoAttachment -ProjectId"] = Collected,
            ["Add-AngoChatAsset -ProjectId"] = Collected,
            ["Import-AngoLabel -ProjectId"] = Collected,
            ["Add-AngoAsset -StorageId"] = "a setting for the whole upload (which storage the files are in), not the identity of a piped item",
            ["Add-AngoAsset -ExternalId"] = "names the single file or URL given with -Path/-Uri; piped rows carry their own externalId in -InputObject",
            ["Add-AngoAttachment -ExternalId"] = "the single-attachment form; piped rows go to -InputObject",
            ["Add-AngoAttachment -AssetId"] = "the single-attachment form; piped rows go to -InputObject",
            ["Get-AngoAsset -ExternalId"] = "an optional filter that is often null on piped objects (a null would fail binding); the piped AssetId already identifies the asset",
            ["Move-AngoTask -ExternalId"] = "an alternative selector; a piped task binds -TaskId, and binding this as well would make the parameter set ambiguous",
            ["Move-AngoTask -AssetId"] = "an alternative selector; a piped task binds -TaskId, and binding this as well would make the parameter set ambiguous",
            ["Get-AngoTaskHistory -HistoryId"] = "a piped history entry also has a TaskId, which selects the by-task read; history ids are typed or come from a variable",
        };

        private const string Collected = "the destination of every piped row: rows are collected and sent in chunks at the end, so a row's own ProjectId (an asset read from another project) must not redirect it";

        // Words that end in 's' but are singular.
        private static readonly HashSet<string> SingularWordsEndingInS = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Status", "Address", "Progress", "Class", "Alias", "Access",
        };

        // Parameter names from /work/shared/SURFACE.md (the contract) that read as plural; kept so scripts do not break.
        private static readonly Dictionary<string, string> PluralNamesInTheContract = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["ExpirationMinutes"] = "New-HitlJob -ExpirationMinutes is the contract's name (a quantity of minutes, as in -TimeoutSeconds style names)",
            ["IncludeTotalCount"] = "PowerShell's own SupportsPaging parameter",
        };

        private readonly HostedPowerShell _shell = new HostedPowerShell();
        private readonly IReadOnlyList<CmdletInfo> _cmdlets;

        public ConventionsTests()
        {
            _cmdlets = _shell.Run("Get-Command -Module LabelOps -CommandType Cmdlet").Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
            Assert.True(_cmdlets.Count >= 50, "expected the whole module, got " + _cmdlets.Count + " cmdlets");
        }

        [Fact]
        public void Every_verb_is_an_approved_verb()
        {
            // Get-Verb lives in Microsoft.PowerShell.Utility, which the hosted engine does not have; it lists the
            // constants of these classes, so they are read directly.
            var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic), typeof(VerbsLifecycle), typeof(VerbsOther), typeof(VerbsSecurity) }
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Select(f => (string)f.GetValue(null)!)
                .ToHashSet(StringComparer.Ordinal);

            Assert.Empty(_cmdlets.Where(c => !approved.Contains(c.Verb)).Select(c => c.Name));
        }

        [Fact]
        public void Every_noun_is_singular_and_starts_with_the_service_prefix()
        {
            var offenders = _cmdlets
                .Where(c => !(c.Noun.StartsWith("Hitl", StringComparison.Ordinal) || c.Noun.StartsWith("Ango", StringComparison.Ordinal)) || IsPlural(LastWord(c.Noun)))
                .Select(c => c.Name);

            Assert.Empty(offenders);
        }

        [Fact]
        public void Every_state_changing_cmdlet_supports_WhatIf_and_Confirm()
        {
            var offenders = _cmdlets
                .Where(c => StateChangingVerbs.Contains(c.Verb) && !Attribute(c).SupportsShouldProcess)
                .Select(c => c.Name);

            Assert.Empty(offenders);
        }

        [Fact]
        public void Every_cmdlet_declares_its_output_type()
        {
            var offenders = _cmdlets.Where(c => c.ImplementingType.GetCustomAttributes<OutputTypeAttribute>(inherit: true).Count() == 0).Select(c => c.Name);

            Assert.Empty(offenders);
        }

        [Fact]
        public void Every_id_parameter_binds_from_the_pipeline_by_property_name()
        {
            var offenders = new List<string>();
            foreach (var cmdlet in _cmdlets)
            {
                foreach (var parameter in OwnParameters(cmdlet).Where(p => p.Name.EndsWith("Id", StringComparison.Ordinal)))
                {
                    if (!parameter.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName) && !IdsNotFromThePipeline.ContainsKey(cmdlet.Name + " -" + parameter.Name))
                    {
                        offenders.Add(cmdlet.Name + " -" + parameter.Name);
                    }
                }
            }

            Assert.True(offenders.Count == 0, string.Join(", ", offenders));
            var all = _cmdlets.SelectMany(c => c.Parameters.Keys.Select(p => c.Name + " -" + p)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.Empty(IdsNotFromThePipeline.Keys.Where(k => !all.Contains(k)));
        }

        [Fact]
        public void Every_list_cmdlet_supports_paging()
        {
            var offenders = _cmdlets
                .Where(c => c.Verb == VerbsCommon.Get && !NotPaged.ContainsKey(c.Name) && !Attribute(c).SupportsPaging)
                .Select(c => c.Name);

            Assert.Empty(offenders);
            // The exceptions name real cmdlets, and none of them pages after all (else the entry is stale).
            Assert.Empty(NotPaged.Keys.Where(name => !_cmdlets.Any(c => c.Name == name && !Attribute(c).SupportsPaging)));
        }

        [Fact]
        public void No_parameter_is_named_in_the_plural()
        {
            var offenders = new List<string>();
            foreach (var cmdlet in _cmdlets)
            {
                foreach (var parameter in cmdlet.Parameters.Values.Where(p => !CommonParameters.Contains(p.Name)))
                {
                    if (IsPlural(LastWord(parameter.Name)) && !PluralNamesInTheContract.ContainsKey(parameter.Name))
                    {
                        offenders.Add(cmdlet.Name + " -" + parameter.Name);
                    }
                }
            }

            Assert.Empty(offenders);
        }

        [Fact]
        public void Every_parameter_is_documented()
        {
            // HelpTests checks this cmdlet by cmdlet with more detail; here it is one list over the whole module.
            var offenders = new List<string>();
            foreach (var cmdlet in _cmdlets)
            {
                var script = "(Get-Help " + cmdlet.Name + " -Full).parameters.parameter | Where-Object { -not ($_.description | ForEach-Object { $_.Text }) -or -not ($_.description | ForEach-Object { $_.Text } | Where-Object { $_.Trim() }) } | ForEach-Object { $_.name }";
                var undocumentedByHelp = _shell.Run(script).Output.Where(o => o != null).Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var documented = _shell.Run("(Get-Help " + cmdlet.Name + " -Full).parameters.parameter | ForEach-Object { $_.name }").Output.Where(o => o != null).Select(o => o.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in cmdlet.Parameters.Keys.Where(p => !CommonParameters.Contains(p)))
                {
                    if (!documented.Contains(parameter) || undocumentedByHelp.Contains(parameter)) offenders.Add(cmdlet.Name + " -" + parameter);
                }
            }

            Assert.Empty(offenders);
        }

        private static CmdletAttribute Attribute(CmdletInfo cmdlet) => cmdlet.ImplementingType.GetCustomAttribute<CmdletAttribute>()!;

        /// <summary>The cmdlet's own parameters: not the common ones, and not -Session (its type is a session, not an id).</summary>
        private static IEnumerable<ParameterMetadata> OwnParameters(CmdletInfo cmdlet) =>
            cmdlet.Parameters.Values.Where(p => !CommonParameters.Contains(p.Name) && p.Name != "Session");

        private static string LastWord(string pascalCase)
        {
            var start = 0;
            for (var i = 1; i < pascalCase.Length; i++)
            {
                if (char.IsUpper(pascalCase[i]) && !char.IsUpper(pascalCase[i - 1])) start = i;
            }
            return pascalCase.Substring(start);
        }

        private static bool IsPlural(string word) =>
            word.Length > 2 && word.EndsWith("s", StringComparison.Ordinal) && !word.EndsWith("ss", StringComparison.Ordinal) && !SingularWordsEndingInS.Contains(word);

        public void Dispose() => _shell.Dispose();
    }
}
