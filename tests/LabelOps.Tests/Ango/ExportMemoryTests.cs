using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using LabelOps.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace LabelOps.Tests.Ango
{
    /// <summary>Memory is measured process-wide, so these tests run alone.</summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ExportMemoryCollection
    {
        public const string Name = "Large exports (memory measured alone)";
    }

    [Collection(ExportMemoryCollection.Name)]
    public sealed class ExportMemoryTests : AngoTest
    {
        private const int RecordCount = 20000;
        private readonly ITestOutputHelper _output;

        public ExportMemoryTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData("Json")]
        [InlineData("Ndjson")]
        public void A_20000_record_export_streams_through_ForEach_Object_with_flat_managed_memory(string format)
        {
            var projectId = Ango.AddProject("Large");
            Ango.SetGeneratedExportRecords(projectId, RecordCount);
            Shell.Run(Connect).ThrowIfFailed();
            var uncompressed = UncompressedSize(projectId, format);
            var samples = new List<long>();
            Shell.SetVariable("samples", samples);
            var baseline = GC.GetTotalMemory(forceFullCollection: true);

            var result = Shell.Run(
                "$n = 0\n" +
                "Export-AngoAnnotation -ProjectId $p -Format " + format + " | ForEach-Object { $n++; if ($n % 2000 -eq 0) { $samples.Add([GC]::GetTotalMemory($true)) } }\n" +
                "$n",
                new Dictionary<string, object?> { ["p"] = projectId });

            Assert.Empty(result.Errors);
            Assert.Equal(RecordCount, Convert.ToInt32(result.Output.Last().BaseObject));
            Assert.Equal(RecordCount / 2000, samples.Count);
            var peakGrowth = samples.Max() - baseline;
            var drift = samples.Last() - samples.First();
            _output.WriteLine(format + ": archive entry " + uncompressed / 1024 + " KB uncompressed; live managed memory peak +" + peakGrowth / 1024 + " KB over baseline; drift from record 2,000 to 20,000: " + drift / 1024 + " KB");
            // 18,000 records (over 18 MB of JSON, several times that as dictionaries) pass between the first and the
            // last sample: holding them would show as growth. What is live is the reader's buffer and the pipeline's
            // bounded queue, whatever the export's size.
            Assert.True(uncompressed > 18L * 1024 * 1024, "the export is too small to prove anything: " + uncompressed);
            Assert.True(drift < 8L * 1024 * 1024, "memory grew with the records read: " + drift / 1024 + " KB");
            Assert.True(peakGrowth < uncompressed, "live memory " + peakGrowth / 1024 + " KB is not below the export's size " + uncompressed / 1024 + " KB");
        }

        private long UncompressedSize(string projectId, string format)
        {
            var target = Path.Combine(Path.GetTempPath(), "labelops-large-" + Guid.NewGuid().ToString("N") + ".zip");
            try
            {
                Shell.Run("Export-AngoAnnotation -ProjectId $p -Format " + format + " -Path $t | Out-Null", new Dictionary<string, object?> { ["p"] = projectId, ["t"] = target }).ThrowIfFailed();
                using var zip = ZipFile.OpenRead(target);
                return zip.Entries[0].Length;
            }
            finally
            {
                File.Delete(target);
            }
        }
    }
}
