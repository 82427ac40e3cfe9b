using System;
using System.Linq;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>The conceptual help a newcomer reads first, as Get-Help shows it from out/LabelOps/en-US.</summary>
    public sealed class AboutTopicTests
    {
        private static readonly Lazy<(string Main, string Emulator)> Topics = new Lazy<(string, string)>(() =>
        {
            using var shell = new HostedPowerShell();
            return (Topic(shell, "about_LabelOps"), Topic(shell, "about_LabelOps_Emulator"));
        });

        [Theory]
        [InlineData("CONNECTING AND SESSIONS")]
        [InlineData("Connect-Ango")]
        [InlineData("PAGING")]
        [InlineData("RETRIES AND THE NO-DUPLICATE RULE")]
        [InlineData("ERRORS")]
        [InlineData("RUNBOOKS AND SCHEDULED SCRIPTS")]
        [InlineData("TAB COMPLETION")]
        [InlineData("PROGRESS")]
        [InlineData("about_LabelOps_Emulator")]
        public void about_LabelOps_covers(string subject)
        {
            Assert.Contains(subject, Topics.Value.Main, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("STARTING THE EMULATOR")]
        [InlineData("FAULTS")]
        [InlineData("THE REQUEST LOG")]
        public void about_LabelOps_Emulator_covers(string subject)
        {
            Assert.Contains(subject, Topics.Value.Emulator, StringComparison.Ordinal);
        }

        private static string Topic(HostedPowerShell shell, string name)
        {
            var result = shell.Run("Get-Help " + name);
            Assert.Empty(result.Errors);
            var text = string.Join("\n", result.Output.Select(o => o.ToString()));
            // The compiled topic starts with its name under TOPIC, as PowerShell's own about_ files do.
            Assert.StartsWith("TOPIC", text.TrimStart(), StringComparison.Ordinal);
            Assert.Contains("    " + name + "\r\n", text, StringComparison.Ordinal);
            return text;
        }
    }
}
