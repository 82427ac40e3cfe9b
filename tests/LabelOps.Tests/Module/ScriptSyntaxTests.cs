using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// The syntax of every Pester file and sample, with PowerShell's own parser: a typo in a sample no test runs fails
    /// here instead of in a user's run, and the syntax Windows PowerShell 5.1 lacks (which pwsh 7 would run) is refused.
    /// </summary>
    public sealed class ScriptSyntaxTests
    {
        public static IEnumerable<object[]> Scripts()
        {
            var pester = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "Pester"), "*.ps*1", SearchOption.TopDirectoryOnly);
            var samples = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples"), "*.ps1", SearchOption.AllDirectories);
            return pester.Concat(samples)
                .Where(p => p.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".psm1", StringComparison.OrdinalIgnoreCase))
                .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'))
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => new object[] { p });
        }

        [Fact]
        public void The_Pester_files_and_the_samples_are_all_found()
        {
            var found = Scripts().Select(s => (string)s[0]).ToList();

            Assert.Contains("tests/Pester/LabelOps.TestHelpers.psm1", found);
            Assert.Contains("tests/Pester/Hitl.Jobs.Tests.ps1", found);
            Assert.Contains("samples/hitl-quickstart.ps1", found);
            Assert.Contains("samples/runbooks/Import-AngoAssetNightly.ps1", found);
        }

        [Theory]
        [MemberData(nameof(Scripts))]
        public void Script_parses_without_syntax_errors(string relativePath)
        {
            Parser.ParseFile(Path.Combine(RepositoryPaths.Root, relativePath), out _, out var errors);

            Assert.True(errors.Length == 0, relativePath + ":\n" + string.Join("\n", errors.Select(e => "line " + e.Extent.StartLineNumber + ": " + e.Message)));
        }

        /// <summary>
        /// The module supports Windows PowerShell 5.1, so its samples and tests must parse there too. The 7.x parser
        /// accepts more, so the constructs 5.1 lacks are looked for in the syntax tree: ?: (ternary), ?? and ??=,
        /// &amp;&amp; and || between pipelines, ?. and ?[] member access, and the clean block.
        /// </summary>
        [Theory]
        [MemberData(nameof(Scripts))]
        public void Script_uses_only_Windows_PowerShell_5_1_syntax(string relativePath)
        {
            var ast = Parser.ParseFile(Path.Combine(RepositoryPaths.Root, relativePath), out _, out _);

            var newer = ast.FindAll(node => node switch
            {
                TernaryExpressionAst => true,
                PipelineChainAst => true,
                BinaryExpressionAst binary => binary.Operator == TokenKind.QuestionQuestion,
                AssignmentStatementAst assignment => assignment.Operator == TokenKind.QuestionQuestionEquals,
                MemberExpressionAst member => member.NullConditional,
                IndexExpressionAst index => index.NullConditional,
                NamedBlockAst block => block.BlockKind == TokenKind.Clean,
                _ => false,
            }, searchNestedScriptBlocks: true).ToList();

            Assert.True(newer.Count == 0, relativePath + " uses PowerShell 7 syntax:\n" + string.Join("\n", newer.Select(n => "line " + n.Extent.StartLineNumber + ": " + n.Extent.Text)));
        }
    }
}
