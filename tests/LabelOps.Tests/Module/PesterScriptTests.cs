using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// Pester cannot run where this suite runs, so the Pester mirror of it could rot unseen: at least every script
    /// must parse (PowerShell's own parser, the one pwsh would use).
    /// </summary>
    public sealed class PesterScriptTests
    {
        public static IEnumerable<object[]> Scripts() =>
            Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "Pester"), "*.ps*1").OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });

        [Theory]
        [MemberData(nameof(Scripts))]
        public void Every_Pester_script_parses(string name)
        {
            Parser.ParseFile(Path.Combine(RepositoryPaths.Root, "tests", "Pester", name), out _, out var errors);

            Assert.True(errors.Length == 0, name + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
        }
    }
}
