using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using LabelOps.Engine.Hitl;
using LabelOps.Engine.Hitl.Ledger;
using Xunit;

namespace LabelOps.Tests.Engine
{
    /// <summary>The ledger of New-HitlJob -Ledger: its file rules, its row key, and how rows in doubt are settled.</summary>
    public sealed class HitlLedgerTests : IDisposable
    {
        private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "ledger-tests-" + Guid.NewGuid().ToString("N"));

        public HitlLedgerTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public void A_torn_last_line_is_skipped_and_the_next_record_starts_a_line_of_its_own()
        {
            var path = Path.Combine(_folder, "torn.jsonl");
            File.WriteAllText(path,
                "{\"state\":\"intent\",\"key\":\"a/1\",\"projectId\":\"p\",\"fileUrl\":[\"https://x.test/a.jpg\"],\"at\":\"2026-03-01T12:00:00+00:00\"}\n" +
                "{\"state\":\"done\",\"key\":\"a/1\",\"projectId\":\"p\",\"jobId\":\"j1\",\"at\":\"2026-03-01T12:00:01+00:00\"}\n" +
                "{\"state\":\"intent\",\"key\":\"b/1\",\"proj");
            using (var ledger = HitlLedgerFile.Open(path))
            {
                Assert.Equal(1, ledger.SkippedLines);
                Assert.Equal(HitlLedgerState.Done, ledger.Find("a/1")!.State);
                Assert.Equal("j1", ledger.Find("a/1")!.JobId);
                Assert.Null(ledger.Find("b/1"));
                ledger.Append(new HitlLedgerRecord { State = HitlLedgerRecord.Intent, Key = "c/1", ProjectId = "p", At = T0 });
            }
            var lines = File.ReadAllLines(path);
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("{\"state\":\"intent\",\"key\":\"c/1\"", lines[3]);
            using var reopened = HitlLedgerFile.Open(path);
            Assert.Equal(1, reopened.SkippedLines);
            Assert.Equal(HitlLedgerState.InDoubt, reopened.Find("c/1")!.State);
        }

        [Fact]
        public void Lines_fold_to_a_state_per_row_intent_alone_is_in_doubt_and_failed_can_be_sent_again()
        {
            var records = HitlLedgerFile.Parse(string.Join("\n",
                "{\"state\":\"intent\",\"key\":\"a/1\",\"projectId\":\"p\",\"at\":\"2026-03-01T12:00:00+00:00\"}",
                "{\"state\":\"intent\",\"key\":\"b/1\",\"projectId\":\"p\",\"at\":\"2026-03-01T12:00:00+00:00\"}",
                "{\"state\":\"failed\",\"key\":\"b/1\",\"projectId\":\"p\",\"reason\":\"InvalidArgument\",\"at\":\"2026-03-01T12:00:00+00:00\"}",
                "not json at all",
                "{\"state\":\"intent\",\"key\":\"c/1\",\"projectId\":\"p\",\"at\":\"2026-03-01T12:00:00+00:00\"}",
                "{\"state\":\"done\",\"key\":\"c/1\",\"projectId\":\"p\",\"jobId\":\"j\",\"at\":\"2026-03-01T12:00:00+00:00\"}"), out var skipped);
            Assert.Equal(1, skipped);
            var entries = new Dictionary<string, HitlLedgerEntry>();
            foreach (var record in records)
            {
                if (!entries.TryGetValue(record.Key, out var entry)) entries[record.Key] = entry = new HitlLedgerEntry(record.Key);
                entry.Apply(record);
            }
            Assert.Equal(HitlLedgerState.InDoubt, entries["a/1"].State);
            Assert.Equal(HitlLedgerState.Failed, entries["b/1"].State);
            Assert.Equal(HitlLedgerState.Done, entries["c/1"].State);
        }

        [Fact]
        public void A_second_command_cannot_write_to_a_ledger_in_use()
        {
            var path = Path.Combine(_folder, "busy.jsonl");
            using var first = HitlLedgerFile.Open(path);
            var refused = Assert.Throws<LabelOpsException>(() => HitlLedgerFile.Open(path));
            Assert.Equal(ErrorReason.InvalidOperation, refused.Reason);
        }

        [Fact]
        public void The_row_key_ignores_the_order_of_prediction_keys_and_counts_identical_rows()
        {
            var keys = new HitlRowKey();
            var a = Request("p", new[] { "https://x.test/a.jpg" }, new Dictionary<string, object?> { ["x"] = 1, ["y"] = 2 });
            var b = Request("p", new[] { "https://x.test/a.jpg" }, new Dictionary<string, object?> { ["y"] = 2, ["x"] = 1 });
            var other = Request("p", new[] { "https://x.test/a.jpg" }, new Dictionary<string, object?> { ["x"] = 1, ["y"] = 3 });
            var first = keys.Next(a);
            var second = keys.Next(b);
            Assert.EndsWith("/1", first);
            Assert.Equal(first.Split('/')[0] + "/2", second);
            Assert.NotEqual(HitlRowKey.ContentHash(a), HitlRowKey.ContentHash(other));
            Assert.NotEqual(HitlRowKey.ContentHash(a), HitlRowKey.ContentHash(Request("q", new[] { "https://x.test/a.jpg" }, null)));
            Assert.NotEqual(HitlRowKey.ContentHash(Request("p", new[] { "https://x.test/a.jpg", "https://x.test/b.jpg" }, null)),
                            HitlRowKey.ContentHash(Request("p", new[] { "https://x.test/b.jpg", "https://x.test/a.jpg" }, null)));
        }

        [Fact]
        public void A_row_in_doubt_whose_job_landed_adopts_it_and_one_whose_job_did_not_is_sent_again()
        {
            var landed = InDoubt("a/1", "https://x.test/cam/a.jpg", T0);
            var lost = InDoubt("b/1", "https://x.test/cam/b.jpg", T0);
            var jobs = new[] { Job("old", "done.jpg", T0.AddHours(-1)), Job("ja", "a.jpg", T0.AddSeconds(1)) };

            var decisions = HitlLedgerReconciler.Decide(new[] { landed, lost }, jobs, id => id == "old");

            Assert.Equal(HitlLedgerVerdict.Adopt, decisions["a/1"].Verdict);
            Assert.Equal("ja", decisions["a/1"].Job!.JobId);
            Assert.Equal(HitlLedgerVerdict.Resend, decisions["b/1"].Verdict);
        }

        [Fact]
        public void A_job_claimed_by_a_done_line_or_older_than_the_intent_is_never_adopted()
        {
            var row = InDoubt("a/1", "https://x.test/a.jpg", T0);
            var jobs = new[] { Job("claimed", "a.jpg", T0.AddSeconds(1)), Job("before", "a.jpg", T0 - HitlLedgerReconciler.ClockTolerance - TimeSpan.FromSeconds(1)) };

            var decision = HitlLedgerReconciler.Decide(new[] { row }, jobs, id => id == "claimed")["a/1"];

            Assert.Equal(HitlLedgerVerdict.Resend, decision.Verdict);
        }

        [Fact]
        public void A_job_created_a_little_before_the_intent_by_the_service_clock_is_still_the_rows()
        {
            var row = InDoubt("a/1", "https://x.test/a.jpg", T0);
            var jobs = new[] { Job("skewed", "a.jpg", T0.AddMinutes(-3)) };

            Assert.Equal(HitlLedgerVerdict.Adopt, HitlLedgerReconciler.Decide(new[] { row }, jobs, _ => false)["a/1"].Verdict);
        }

        [Fact]
        public void Two_rows_in_doubt_with_the_same_file_name_and_one_job_cannot_be_told_apart()
        {
            var one = InDoubt("a/1", "https://x.test/cam1/frame.jpg", T0);
            var two = InDoubt("b/1", "https://x.test/cam2/frame.jpg", T0);
            var jobs = new[] { Job("j", "frame.jpg", T0.AddSeconds(1)) };

            var decisions = HitlLedgerReconciler.Decide(new[] { one, two }, jobs, _ => false);

            Assert.Equal(HitlLedgerVerdict.CannotTell, decisions["a/1"].Verdict);
            Assert.Equal(HitlLedgerVerdict.CannotTell, decisions["b/1"].Verdict);
            Assert.Equal(new[] { "j" }, decisions["a/1"].Candidates);
        }

        [Fact]
        public void Two_matching_jobs_for_one_row_cannot_be_told_apart()
        {
            var row = InDoubt("a/1", "https://x.test/a.jpg", T0);
            var jobs = new[] { Job("j1", "a.jpg", T0.AddSeconds(1)), Job("j2", "a.jpg", T0.AddSeconds(2)) };

            var decision = HitlLedgerReconciler.Decide(new[] { row }, jobs, _ => false)["a/1"];

            Assert.Equal(HitlLedgerVerdict.CannotTell, decision.Verdict);
            Assert.Equal(new[] { "j1", "j2" }, decision.Candidates);
        }

        [Fact]
        public void An_unclaimed_new_job_that_no_row_in_doubt_accounts_for_stops_a_resend()
        {
            // E.g. the service names images otherwise than the document suggests: the row might be that job.
            var row = InDoubt("a/1", "https://x.test/a.jpg", T0);
            var jobs = new[] { Job("mystery", "3f9c2e.bin", T0.AddSeconds(1)), Job("noimage", null, T0.AddSeconds(2)) };

            var decision = HitlLedgerReconciler.Decide(new[] { row }, jobs, _ => false)["a/1"];

            Assert.Equal(HitlLedgerVerdict.CannotTell, decision.Verdict);
            Assert.Equal(new[] { "mystery", "noimage" }, decision.Candidates);
        }

        [Fact]
        public void The_file_name_is_the_unescaped_last_path_segment()
        {
            Assert.Equal("a b.jpg", HitlLedgerReconciler.FileName("https://x.test/v1/files/p/j/a%20b.jpg"));
            Assert.Equal("a.jpg", HitlLedgerReconciler.FileName("https://x.test/a.jpg?sig=1"));
            Assert.Null(HitlLedgerReconciler.FileName("https://x.test/"));
            Assert.Null(HitlLedgerReconciler.FileName(null));
        }

        private static HitlJobRequest Request(string project, string[] files, object? predictions) =>
            new HitlJobRequest { ProjectId = project, FileUrls = files.ToList(), Predictions = predictions };

        private static HitlLedgerEntry InDoubt(string key, string fileUrl, DateTimeOffset at)
        {
            var entry = new HitlLedgerEntry(key);
            entry.Apply(new HitlLedgerRecord { State = HitlLedgerRecord.Intent, Key = key, ProjectId = "p", FileUrl = new[] { fileUrl }, At = at });
            return entry;
        }

        private static HitlJob Job(string id, string? imageName, DateTimeOffset created) => new HitlJob
        {
            ProjectId = "p",
            JobId = id,
            Status = HitlJobStatus.New,
            CreateDate = created,
            ImageUrl = imageName == null ? null : "http://127.0.0.1:5080/v1/files/p/" + id + "/" + Uri.EscapeDataString(imageName),
        };
    }
}
