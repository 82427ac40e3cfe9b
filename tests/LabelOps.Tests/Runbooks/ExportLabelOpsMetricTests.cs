using System;
using System.Collections;
using System.IO;
using System.Linq;
using Xunit;

namespace LabelOps.Tests.Runbooks
{
    /// <summary>samples/runbooks/Export-LabelOpsMetric.ps1, run twice against the emulator.</summary>
    public sealed class ExportLabelOpsMetricTests : RunbookTest
    {
        private const string Runbook = "Export-LabelOpsMetric.ps1";

        /// <summary>A CSV line as Export-Csv writes it: every field quoted.</summary>
        private static string[] Cells(string line) =>
            line.Split("\",\"").Select(c => c.Trim('"')).ToArray();

        [Fact]
        public void Metrics_report_writes_one_HITL_and_one_Ango_CSV_per_day_and_a_second_run_replaces_them()
        {
            var hitlProject = Account.Hitl.AddProject("Metrics HITL");
            var done = Account.Hitl.AddJob(hitlProject);
            Account.Hitl.SetJobStatus(hitlProject, done.JobId, "done");
            Account.Hitl.AddJob(hitlProject);
            var angoProject = Ango.AddProject("Metrics Ango");
            Ango.AddAssets(angoProject, 3);
            var today = DateTime.UtcNow.Date;
            var day = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var parameters = new Hashtable
            {
                ["HitlProjectId"] = new[] { hitlProject },
                ["AngoProjectId"] = new[] { angoProject },
                ["OutputPath"] = Folder,
                ["ReportDate"] = today,
            };

            var first = RunRunbook(Runbook, parameters);

            Assert.Empty(first.Errors);
            Assert.Null(first.Terminating);
            var names = new[] { "ango-LabelStageGroups-" + day + ".csv", "hitl-metrics-" + day + ".csv" };
            Assert.Equal(names, first.Objects<FileInfo>().Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
            var hitl = File.ReadAllLines(Path.Combine(Folder, names[1]));
            var hitlHeader = Cells(hitl[0]);
            Assert.Equal("ProjectId", hitlHeader[0]);
            var hitlRow = Cells(Assert.Single(hitl.Skip(1)));
            Assert.Equal(hitlProject, hitlRow[0]);
            Assert.Equal("2", hitlRow[Array.IndexOf(hitlHeader, "JobsAll")]);
            Assert.Equal("1", hitlRow[Array.IndexOf(hitlHeader, "JobsDone")]);
            var metricsQuery = Assert.Single(Requests("GET", "/v1/metrics")).QueryString;
            Assert.Contains("period_group_level=day", metricsQuery);
            Assert.Contains("period_start_date=" + today.AddDays(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), metricsQuery);
            var ango = File.ReadAllLines(Path.Combine(Folder, names[0]));
            var angoHeader = Cells(ango[0]);
            Assert.Equal(new[] { "ProjectId", "Metric" }, angoHeader.Take(2));
            var stages = ango.Skip(1).Select(Cells).ToList();
            Assert.Equal(new[] { "Start", "Label", "Complete" }, stages.Select(r => r[Array.IndexOf(angoHeader, "name")]));
            Assert.Equal(new[] { "0", "3", "0" }, stages.Select(r => r[Array.IndexOf(angoHeader, "count")]));
            Assert.All(stages, r => Assert.Equal(angoProject, r[0]));
            Assert.Single(Requests("GET", "/v2/" + angoProject + "/overview/LabelStageGroups"));
            Assert.Contains("Credential:HITL", AutomationCalls);
            Assert.Contains("Credential:Ango", AutomationCalls);

            // A job finishes before the second run of the day: the same two files, with the new figures.
            Account.Hitl.SetJobStatus(hitlProject, Account.Hitl.GetJobs(hitlProject)[1].JobId, "done");
            var second = RunRunbook(Runbook, parameters);

            Assert.Empty(second.Errors);
            Assert.Equal(names, Directory.GetFiles(Folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
            var again = File.ReadAllLines(Path.Combine(Folder, names[1]));
            Assert.Equal("2", Cells(Assert.Single(again.Skip(1)))[Array.IndexOf(hitlHeader, "JobsDone")]);
        }

        [Fact]
        public void Metrics_report_for_Ango_only_does_not_connect_to_HITL()
        {
            var angoProject = Ango.AddProject("Ango only");
            Ango.AddAssets(angoProject, 2);
            var parameters = new Hashtable { ["AngoProjectId"] = new[] { angoProject }, ["OutputPath"] = Folder, ["AngoMetric"] = "AnnotationStatus" };

            var result = RunRunbook(Runbook, parameters);

            Assert.Empty(result.Errors);
            Assert.Null(result.Terminating);
            Assert.StartsWith("ango-AnnotationStatus-", Assert.Single(result.Objects<FileInfo>()).Name);
            Assert.DoesNotContain(Account.Requests, r => r.Path.StartsWith("/v1/", StringComparison.Ordinal));
            Assert.DoesNotContain("Credential:HITL", AutomationCalls);
        }
    }
}
