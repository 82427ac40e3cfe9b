using System.Linq;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class TaskHelpTests : AngoTest
    {
        [Theory]
        [InlineData("Get-AngoTask")]
        [InlineData("Set-AngoTaskAssignee")]
        [InlineData("Move-AngoTask")]
        [InlineData("Get-AngoTaskHistory")]
        [InlineData("Invoke-AngoWebhook")]
        [InlineData("Import-AngoLabel")]
        public void Help_documents_every_parameter_and_has_at_least_two_examples(string command)
        {
            var result = Shell.Run(
                "$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters\n" +
                "$help = Get-Help " + command + " -Full\n" +
                "@($help.examples.example).Count\n" +
                "$documented = @($help.parameters.parameter | ForEach-Object name)\n" +
                "(Get-Command " + command + ").Parameters.Keys | Where-Object { $common -notcontains $_ -and $documented -notcontains $_ }");

            Assert.Empty(result.Errors);
            Assert.True((int)result.Output[0].BaseObject >= 2, command + " has fewer than two examples");
            Assert.Empty(result.Output.Skip(1).Select(o => o.ToString()));
        }
    }
}
