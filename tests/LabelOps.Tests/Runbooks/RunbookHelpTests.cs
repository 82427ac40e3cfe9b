using System.IO;
using System.Linq;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Runbooks
{
    /// <summary>Each runbook's comment-based help, as Get-Help shows it: synopsis, examples, every parameter described.</summary>
    public sealed class RunbookHelpTests
    {
        [Theory]
        [InlineData("Import-AngoAssetNightly.ps1")]
        [InlineData("Stop-StaleHitlJob.ps1")]
        [InlineData("Export-AngoCompletedAnnotation.ps1")]
        [InlineData("Export-LabelOpsMetric.ps1")]
        public void Runbook_help_has_a_synopsis_two_examples_and_describes_every_parameter(string runbook)
        {
            using var shell = new HostedPowerShell();
            var result = shell.Run(
                "$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters\n" +
                "$help = Get-Help $Runbook -Full\n" +
                "[string]$help.Synopsis\n" +
                "@($help.examples.example).Count\n" +
                "$described = @($help.parameters.parameter | Where-Object { ($_.description | ForEach-Object { $_.Text }) -join '' } | ForEach-Object { $_.name })\n" +
                "(Get-Command $Runbook).Parameters.Keys | Where-Object { $common -notcontains $_ -and $described -notcontains $_ }",
                new System.Collections.Generic.Dictionary<string, object?> { ["Runbook"] = Path.Combine(RepositoryPaths.Root, "samples", "runbooks", runbook) });

            Assert.Empty(result.Errors);
            var synopsis = (string)result.Output[0].BaseObject;
            Assert.False(string.IsNullOrWhiteSpace(synopsis));
            Assert.DoesNotContain(runbook, synopsis); // the generated fallback synopsis is the syntax line
            Assert.True((int)result.Output[1].BaseObject >= 2, runbook + " has fewer than two examples");
            var undescribed = result.Output.Skip(2).Select(o => o.ToString()).ToList();
            Assert.True(undescribed.Count == 0, runbook + " does not describe: " + string.Join(", ", undescribed));
        }
    }
}
