using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Module
{
    /// <summary>
    /// The default view of every object the module writes: one object of each output type goes through Out-Default
    /// into a host that keeps the text, and the table's header must be the readable columns of LabelOps.format.ps1xml.
    /// </summary>
    public sealed class ViewTests : IDisposable
    {
        private static readonly DateTimeOffset When = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

        // Output types whose rows have the service's own columns (they differ per metric), so no fixed table could
        // show them: PowerShell's default formatting shows every column, LabelOps' leading ones first.
        private static readonly Dictionary<string, string[]> FreeColumns = new Dictionary<string, string[]>
        {
            ["LabelOps.AngoMetric"] = new[] { "ProjectId", "Metric" },
            ["LabelOps.AngoProjectPerformance"] = new[] { "ProjectId" },
        };

        private readonly CapturingHost _host = new CapturingHost();
        private readonly HostedPowerShell _shell;

        public ViewTests()
        {
            _shell = new HostedPowerShell(_host);
        }

        /// <summary>One object per output type, and the columns its table must show, in order.</summary>
        public static IEnumerable<object[]> Samples()
        {
            yield return Case(new HitlJob { ProjectId = "p-1", JobId = "job-1", Status = "done", CreateDate = When, FinishDate = When.AddMinutes(5) }, "ProjectId", "JobId", "Status", "CreateDate", "FinishDate", "Error");
            yield return Case(new HitlProject { ProjectId = "p-1", Status = "active", Name = "Cars" }, "ProjectId", "Status", "Name");
            yield return Case(new HitlMetric { ProjectId = "p-1", ProjectName = "Cars", PeriodStart = When.UtcDateTime, JobsAll = 3, JobsDone = 2 }, "ProjectName", "PeriodStart", "All", "Done", "New", "Progress", "Error", "AvgSecondsToFinish");
            yield return Case(LabelOps.Hitl.HitlConnection.Open(HitlTest.SecureText("k-never-shown"), new Uri("http://127.0.0.1:5080/")), "Service", "BaseUri", "ConnectedAt", "UserAgent");
            yield return Case(LabelOps.Ango.AngoConnection.Open(HitlTest.SecureText("k-never-shown"), new Uri("http://127.0.0.1:5080/v2/")), "Service", "BaseUri", "ConnectedAt", "UserAgent");
            yield return Case(new AngoProject { ProjectId = "ap-1", Name = "Cars", Type = "image", AssetCount = 12, CreatedAt = When, Description = "Street scenes" }, "ProjectId", "Name", "Type", "AssetCount", "CreatedAt", "Description");
            yield return Case(new AngoStage { StageId = "st-1", Name = "Label", Type = "Plugin", Next = new[] { "st-2" } }, "Name", "Type", "StageId", "Next");
            yield return Case(new AngoBatch { BatchId = "b-1", Name = "Night", Description = "Night shots" }, "Name", "BatchId", "Description");
            yield return Case(new AngoCategorySchema { ProjectId = "ap-1", Tools = new object[] { "box", "polygon" } }, "ProjectId", "Tools", "Classifications", "Relations");
            yield return Case(new AngoTask { TaskId = "t-1", ExternalId = "img-1.jpg", Stage = "st-1", StageName = "Label", Status = "Completed", Assignee = "a@example.com", CompletedAt = When }, "TaskId", "ExternalId", "Stage", "Status", "Assignee", "CompletedAt");
            yield return Case(new AngoTaskHistory { TaskId = "t-1", StageName = "Label", CompletedBy = "a@example.com", CompletedAt = When, Duration = 42 }, "TaskId", "Stage", "CompletedBy", "CompletedAt", "Duration");
            yield return Case(new AngoTaskMoveResult { ProjectId = "ap-1", ToStage = "st-1", ToStageName = "Label", Modified = 3 }, "ProjectId", "ToStage", "Modified");
            yield return Case(new AngoWebhookRun { ProjectId = "ap-1", Stage = "st-9", StageName = "Notify", Response = "ok" }, "ProjectId", "Stage", "Response");
            yield return Case(new AngoAsset { AssetId = "as-1", ExternalId = "img-1.jpg", Batches = new[] { "Night" }, CreatedAt = When, Data = "https://example.com/img-1.jpg" }, "AssetId", "ExternalId", "Batches", "CreatedAt", "Data");
            yield return Case(new AngoAssetImportResult { ProjectId = "ap-1", AssetsCreated = 2, TasksCreated = 2 }, "ProjectId", "AssetsCreated", "TasksCreated", "PreLabelsCount", "ValidPreLabelsCount");
            yield return Case(new AngoChatImportResult { ProjectId = "ap-1", Source = "chat.json", AssetsCreated = 1 }, "ProjectId", "Source", "AssetsCreated", "TasksCreated");
            yield return Case(new AngoAttachmentImportResult { ProjectId = "ap-1", AttachmentsSent = 2, AttachmentsImported = 2, AssetsUpdated = 1 }, "ProjectId", "AttachmentsSent", "AttachmentsImported", "AssetsUpdated");
            yield return Case(new AngoLabelImportResult { ProjectId = "ap-1", Chunk = 1, Sent = 100, Message = "98 / 100 tasks are labeled." }, "ProjectId", "Chunk", "Sent", "Message");
            yield return Case(new AngoBatchAssignment { ProjectId = "ap-1", BatchIds = new[] { "b-1" }, AssetIds = new[] { "as-1", "as-2" } }, "ProjectId", "BatchIds", "Assets");
            yield return Case(ExportRecord(), "ExternalId", "TaskId", "Stage", "AssetId");
            yield return Case(new AngoIssue { IssueId = "i-1", TaskId = "t-1", Status = "Open", CreatedBy = "r@example.com", CreatedAt = When, Content = "Box too loose" }, "IssueId", "TaskId", "Status", "CreatedBy", "CreatedAt", "Content");
            yield return Case(new AngoStorage { StorageId = "s-1", Name = "Raw", Type = "AWS", Bucket = "raw-images", Region = "eu-west-1", CreatedAt = When }, "StorageId", "Name", "Type", "Bucket", "Region", "CreatedAt");
            yield return Case(new AngoMember { Email = "a@example.com", Name = "Ana", OrganizationRole = "admin", CreatedAt = When }, "Email", "Name", "OrganizationRole", "CreatedAt");
            yield return Case(new AngoInvite { Email = "b@example.com", OrganizationRole = "member", Status = "pending", CreatedAt = When, ExpiresAt = When.AddDays(7) }, "Email", "OrganizationRole", "Status", "CreatedAt", "ExpiresAt");
        }

        [Theory]
        [MemberData(nameof(Samples))]
        public void The_default_view_is_a_table_of_readable_columns(string typeName, object sample, string[] columns)
        {
            var lines = Render(sample);

            var header = lines.FirstOrDefault(l => l.TrimStart().StartsWith(columns[0], StringComparison.Ordinal));
            Assert.True(header != null, typeName + " rendered without a '" + columns[0] + "' header:\n" + string.Join("\n", lines));
            Assert.Equal(columns, header!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            // Under the header: the dashes, then one row (the object's first column value is shown, not a type name).
            var row = lines[lines.IndexOf(header) + 2];
            Assert.DoesNotContain("LabelOps.", row, StringComparison.Ordinal);
            Assert.DoesNotContain("\u2026", row, StringComparison.Ordinal); // nothing cut short (dates fit their columns)
            Assert.True(header.Length <= 120, typeName + " needs more than 120 columns");
            Assert.DoesNotContain("k-never-shown", string.Join("\n", lines), StringComparison.Ordinal);
        }

        [Fact]
        public void Dates_show_as_universal_time_and_lists_as_joined_names()
        {
            var lines = Render(new AngoAsset { AssetId = "as-1", ExternalId = "img-1.jpg", Batches = new[] { "Night", "Rain" }, CreatedAt = When, Data = "https://example.com/img-1.jpg" });

            var row = lines.Single(l => l.StartsWith("as-1", StringComparison.Ordinal));
            Assert.Contains("2026-03-04 05:06:07", row, StringComparison.Ordinal);
            Assert.Contains("Night, Rain", row, StringComparison.Ordinal);
        }

        [Fact]
        public void An_export_record_shows_as_one_row_not_as_its_keys()
        {
            var lines = Render(ExportRecord());

            Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("Name", StringComparison.Ordinal) && l.Contains("Value", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("img-7.jpg", StringComparison.Ordinal) && l.Contains("t-7", StringComparison.Ordinal) && l.Contains("Review", StringComparison.Ordinal));
        }

        [Fact]
        public void Rows_with_the_services_own_columns_show_every_column_leading_columns_first()
        {
            foreach (var pair in FreeColumns)
            {
                var text = string.Join("\n", Render(Row(pair.Key, pair.Value)));

                var positions = pair.Value.Concat(new[] { "count" }).Select(c => text.IndexOf(c, StringComparison.Ordinal)).ToList();
                Assert.True(positions.All(p => p >= 0), pair.Key + " hides a column:\n" + text);
                Assert.Equal(positions.OrderBy(p => p), positions);
            }
        }

        [Fact]
        public void Every_output_type_of_the_module_has_a_view_here()
        {
            var declared = _shell.Run("Get-Command -Module LabelOps -CommandType Cmdlet | ForEach-Object { $_.OutputType } | ForEach-Object { $_.Name }")
                .Output.Select(o => o.ToString()).Where(n => n.StartsWith("LabelOps.", StringComparison.Ordinal)).Distinct().OrderBy(n => n).ToList();
            var covered = Samples().Select(s => (string)s[0]).Concat(FreeColumns.Keys).ToHashSet();

            Assert.True(declared.Count >= 20, "expected the module's output types, got " + declared.Count);
            Assert.Empty(declared.Where(n => !covered.Contains(n)));
        }

        [Fact]
        public void A_job_reports_its_duration_from_start_or_else_from_creation()
        {
            _shell.SetVariable("started", new HitlJob { JobId = "a", Status = "done", CreateDate = When, StartDate = When.AddMinutes(1), FinishDate = When.AddMinutes(5) });
            _shell.SetVariable("unstarted", new HitlJob { JobId = "b", Status = "done", CreateDate = When, FinishDate = When.AddMinutes(5) });
            _shell.SetVariable("running", new HitlJob { JobId = "c", Status = "progress", CreateDate = When, StartDate = When });

            var result = _shell.Run("$started.Duration; $unstarted.Duration; $null -eq $running.Duration");

            Assert.Equal(new object[] { TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5), true }, result.Output.Select(o => o.BaseObject).ToArray());
        }

        [Fact]
        public void An_invite_past_its_expiry_says_so()
        {
            _shell.SetVariable("old", new AngoInvite { Email = "a@example.com", ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1) });
            _shell.SetVariable("fresh", new AngoInvite { Email = "b@example.com", ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) });

            var result = _shell.Run("$old.IsExpired; $fresh.IsExpired");

            Assert.Equal(new object[] { true, false }, result.Output.Select(o => o.BaseObject).ToArray());
        }

        private List<string> Render(object sample)
        {
            _host.TakeText();
            var result = _shell.Run("$sample | Out-Default", new Dictionary<string, object?> { ["sample"] = sample });
            result.ThrowIfFailed();
            return _host.TakeText().Split('\n').Select(l => l.TrimEnd()).ToList();
        }

        private static object[] Case(object sample, params string[] columns)
        {
            var typeName = sample is PSObject ps ? ps.TypeNames[0] : "LabelOps." + sample.GetType().Name;
            return new object[] { typeName, sample, columns };
        }

        private static AngoExportRecord ExportRecord()
        {
            var record = new AngoExportRecord();
            record["externalId"] = "img-7.jpg";
            record["assetId"] = "as-7";
            record["task"] = new System.Collections.Specialized.OrderedDictionary { ["taskId"] = "t-7", ["stage"] = "Review", ["stageId"] = "st-2" };
            return record;
        }

        private static PSObject Row(string typeName, string[] leading)
        {
            var row = new PSObject();
            row.TypeNames.Insert(0, typeName);
            foreach (var name in leading) row.Properties.Add(new PSNoteProperty(name, name == "ProjectId" ? "ap-1" : "LabelStageGroups"));
            row.Properties.Add(new PSNoteProperty("count", 4));
            return row;
        }

        public void Dispose() => _shell.Dispose();
    }
}
