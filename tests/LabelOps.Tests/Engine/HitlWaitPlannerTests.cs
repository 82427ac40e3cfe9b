using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine.Hitl;
using Xunit;

namespace LabelOps.Tests.Engine
{
    /// <summary>The rule Wait-HitlJob polls by (bulk read or single reads), and the streamed bulk reader it uses.</summary>
    public sealed class HitlWaitPlannerTests
    {
        private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

        [Fact]
        public void One_job_is_always_read_directly_whatever_the_project_holds()
        {
            var planner = new HitlWaitPlanner();
            Assert.Equal(HitlPollRead.SingleReads, planner.Choose(1, null, Poll));
            planner.LearnBulkReply(bytes: 600, jobs: 1);
            Assert.Equal(HitlPollRead.SingleReads, planner.Choose(1, null, Poll));
        }

        [Fact]
        public void Before_the_project_size_is_known_two_jobs_are_read_singly_and_more_in_bulk()
        {
            var planner = new HitlWaitPlanner();
            Assert.Equal(HitlPollRead.SingleReads, planner.Choose(2, null, Poll));
            Assert.Equal(HitlPollRead.BulkRead, planner.Choose(3, null, Poll));
        }

        [Fact]
        public void A_big_project_learnt_from_a_bulk_read_makes_a_few_jobs_single_reads()
        {
            var planner = new HitlWaitPlanner();
            planner.LearnBulkReply(bytes: 23_400_000, jobs: 50_000);

            Assert.Equal(HitlPollRead.SingleReads, planner.Choose(3, null, Poll));
            Assert.Equal(HitlPollRead.SingleReads, planner.Choose(HitlWaitPlanner.MaxSingleReadsPerPoll, null, Poll));
            Assert.Equal(HitlPollRead.BulkRead, planner.Choose(HitlWaitPlanner.MaxSingleReadsPerPoll + 1, null, Poll));
            Assert.Equal(HitlPollRead.BulkRead, planner.Choose(500, null, Poll));
        }

        [Fact]
        public void A_small_project_is_read_in_bulk_for_two_or_more_jobs()
        {
            var planner = new HitlWaitPlanner();
            planner.LearnBulkReply(bytes: 500 * 470, jobs: 500);

            Assert.Equal(HitlPollRead.BulkRead, planner.Choose(2, null, Poll));
            Assert.Equal(HitlPollRead.BulkRead, planner.Choose(500, null, Poll));
        }

        [Theory]
        [InlineData(null, 5, 32)]  // no client limit: the fixed ceiling
        [InlineData(60, 5, 2)]     // 60/min, 5 s polls: 5 requests per poll, half of them for single reads
        [InlineData(6, 1, 1)]      // never below one
        [InlineData(6000, 5, 32)]
        public void Single_reads_per_poll_stay_within_half_the_request_budget_of_a_poll(int? perMinute, int pollSeconds, int expected)
        {
            Assert.Equal(expected, HitlWaitPlanner.SingleReadsAllowed(perMinute, TimeSpan.FromSeconds(pollSeconds)));
        }

        [Fact]
        public void A_tight_request_budget_turns_single_reads_into_one_bulk_read()
        {
            var planner = new HitlWaitPlanner();
            planner.LearnBulkReply(bytes: 23_400_000, jobs: 50_000);

            Assert.Equal(HitlPollRead.SingleReads, planner.Choose(2, 60, Poll));
            Assert.Equal(HitlPollRead.BulkRead, planner.Choose(3, 60, Poll));
        }

        /// <summary>Hands out at most one byte per read, so every job object straddles buffer refills.</summary>
        private sealed class TrickleStream : MemoryStream
        {
            public TrickleStream(byte[] data) : base(data) { }

            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));
        }

        private static string JobJson(string id, string status) =>
            "{\"project_id\":\"p1\",\"job_id\":\"" + id + "\",\"status\":\"" + status + "\",\"annotations\":{\"boxes\":[{\"x\":1}]},\"image\":\"https://files.example.test/" + id + ".png\"}";

        [Fact]
        public async Task The_bulk_reader_keeps_only_the_jobs_asked_for_and_counts_the_rest_across_buffer_refills()
        {
            var json = "[" + string.Join(",", Enumerable.Range(0, 300).Select(i => JobJson("j" + i, i % 2 == 0 ? "done" : "progress"))) + "]\n";
            var bytes = Encoding.UTF8.GetBytes(json);

            var read = await HitlJobListReader.ReadAsync(new TrickleStream(bytes), new[] { "j7", "j250", "missing" }, CancellationToken.None);

            Assert.Equal(300, read.Jobs);
            Assert.Equal(bytes.Length, read.Bytes);
            Assert.Equal(new[] { "j250", "j7" }, read.Kept.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("progress", read.Kept["j7"].Status);
            Assert.Equal("done", read.Kept["j250"].Status);
            Assert.Equal("https://files.example.test/j250.png", read.Kept["j250"].ImageUrl);
        }

        [Fact]
        public async Task The_bulk_reader_reads_a_job_object_larger_than_its_buffer_and_the_single_object_form()
        {
            var big = "{\"project_id\":\"p\",\"job_id\":\"big\",\"status\":\"done\",\"annotations\":{\"text\":\"" + new string('a', 200_000) + "\"}}";
            var list = await HitlJobListReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("[" + big + "," + JobJson("small", "new") + "]")), new[] { "big", "small" }, CancellationToken.None);
            var single = await HitlJobListReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(JobJson("only", "done"))), new[] { "only" }, CancellationToken.None);

            Assert.Equal(2, list.Jobs);
            Assert.Equal("done", list.Kept["big"].Status);
            Assert.Equal("new", list.Kept["small"].Status);
            Assert.Equal(1, single.Jobs);
            Assert.Equal("done", single.Kept["only"].Status);
        }

        [Theory]
        [InlineData("")]
        [InlineData("[{\"job_id\":\"a\",\"status\":\"done\"},{\"job_id\":\"b\"")]
        [InlineData("\"not a list\"")]
        [InlineData("[1,2]")]
        [InlineData("[{\"unexpected\":\"shape\"}]")]
        public async Task The_bulk_reader_refuses_a_truncated_or_foreign_answer(string body)
        {
            await Assert.ThrowsAnyAsync<JsonException>(() =>
                HitlJobListReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), new[] { "a" }, CancellationToken.None));
        }
    }
}
