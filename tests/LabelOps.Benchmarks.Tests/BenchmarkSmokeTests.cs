using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace LabelOps.Benchmarks.Tests
{
    public sealed class BenchmarkSmokeTests
    {
        private readonly ITestOutputHelper _output;

        public BenchmarkSmokeTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Every_benchmark_scenario_runs_at_smoke_sizes_and_every_correctness_check_passes()
        {
            var log = new StringWriter();

            var results = await BenchmarkRun.RunAsync(BenchmarkSettings.Smoke, log);

            ResultTable.Write(log, results);
            _output.WriteLine(log.ToString());
            // Timing figures at these sizes mean nothing and are not asserted; what each scenario produced is.
            Assert.Equal(
                new[]
                {
                    "Import-Module", "List", "List", "Bulk work", "Same, without", "Create", "Export", "Wait-HitlJob",
                    // issue 13, in fresh pwsh processes: a few and many jobs of a big project, a minute limit in a fixed and a sliding window, CPU per task
                    "Wait-HitlJob", "Wait-HitlJob", BenchmarkSettings.Smoke.MinuteLimitedRequests.ToString(System.Globalization.CultureInfo.InvariantCulture), BenchmarkSettings.Smoke.MinuteLimitedRequests.ToString(System.Globalization.CultureInfo.InvariantCulture), "List",
                    // issue 12: Add-AngoAsset with one upload held, against the same files with none held (fresh pwsh)
                    "Add-AngoAsset",
                },
                results.Select(r => r.Figure.Split(' ')[0] switch { "Same," => "Same, without", "Bulk" => "Bulk work", var first => first }));
            Assert.All(results, r => Assert.True(r.Correct, r.Figure + ": " + string.Join("; ", r.Checks.Where(c => !c.Passed).Select(c => c.What + " (" + c.Detail + ")"))));
        }
    }
}
