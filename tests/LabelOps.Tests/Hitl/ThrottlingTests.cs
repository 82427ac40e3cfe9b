using System;
using System.Collections.Generic;
using System.Linq;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Hitl
{
    public sealed class ThrottlingTests : HitlTest
    {
        private readonly string _projectId;

        public ThrottlingTests()
        {
            _projectId = Account.Hitl.AddProject("Bulk", "active");
            Shell.SetVariable("ProjectId", _projectId);
        }

        [Fact]
        public void New_HitlJob_keeps_ThrottleLimit_creates_in_flight_and_writes_jobs_in_input_order()
        {
            // Every create takes 300 ms at the service; the first is slowest, so completion order differs from input order.
            Account.Faults.Add("POST", "/v1/jobs", new Fault { Delay = TimeSpan.FromMilliseconds(900) });
            Account.Faults.Add("POST", "/v1/jobs", new Fault { Delay = TimeSpan.FromMilliseconds(300) }, times: 7);
            var urls = Enumerable.Range(0, 8).Select(i => "https://files.example.test/img-" + i + ".png").ToArray();

            var result = RunConnected("$urls | ForEach-Object { [pscustomobject]@{ ProjectId = $ProjectId; FileUrl = $_ } } | New-HitlJob -ThrottleLimit 4",
                new Dictionary<string, object?> { ["urls"] = urls });

            Assert.Empty(result.Errors);
            Assert.Equal(urls, result.Objects<HitlJob>().Select(j => j.FileUrl!.Single()));
            var posts = Requests("POST", "/v1/jobs");
            Assert.Equal(8, posts.Count);
            // Four were sent at once: the first four arrived before any 300 ms answer could have come back.
            Assert.True((posts[3].ReceivedAt - posts[0].ReceivedAt).TotalMilliseconds < 250, "the first four creates were not concurrent");
            // ...and never more than four: the fifth waited for a slot.
            Assert.True((posts[4].ReceivedAt - posts[0].ReceivedAt).TotalMilliseconds >= 250, "more than ThrottleLimit creates were in flight");
            Assert.Equal(8, Account.Hitl.JobCount);
        }

        [Fact]
        public void A_failed_item_among_concurrent_creates_is_one_error_in_its_place_and_the_rest_are_created()
        {
            var rows = "@('https://files.example.test/a.png', 'https://files.example.test/bad.gif', 'https://files.example.test/c.png') | " +
                       "ForEach-Object { [pscustomobject]@{ ProjectId = $ProjectId; FileUrl = $_ } } | New-HitlJob -ThrottleLimit 3";

            var result = RunConnected(rows);

            Assert.Equal(2, result.Objects<HitlJob>().Count);
            var error = Assert.Single(result.Errors);
            Assert.Contains("bad.gif", error.TargetObject!.ToString());
            Assert.Equal(2, Account.Hitl.JobCount);
        }

        [Fact]
        public void Stop_HitlJob_cancels_many_jobs_concurrently_and_reports_each_finished_one_as_an_error()
        {
            var jobs = Enumerable.Range(0, 10).Select(_ => Account.Hitl.AddJob(_projectId)).ToList();
            Account.Hitl.SetJobStatus(_projectId, jobs[5].JobId, "done");

            var result = RunConnected("Get-HitlJob -ProjectId $ProjectId | Stop-HitlJob -PassThru -Confirm:$false -ThrottleLimit 5");

            Assert.Equal(9, result.Objects<HitlJob>().Count);
            Assert.All(result.Objects<HitlJob>(), j => Assert.Equal("canceled", j.Status));
            Assert.Equal(jobs[5].JobId, Assert.Single(result.Errors).TargetObject);
        }

        [Fact]
        public void One_slow_create_does_not_hold_back_the_others_and_output_stays_in_input_order()
        {
            // The first create takes 1.5 s, the other five 100 ms: with two slots, the second slot serves all five.
            Account.Faults.Add("POST", "/v1/jobs", new Fault { Delay = TimeSpan.FromMilliseconds(1500) });
            Account.Faults.Add("POST", "/v1/jobs", new Fault { Delay = TimeSpan.FromMilliseconds(100) }, times: 5);
            var urls = Enumerable.Range(0, 6).Select(i => "https://files.example.test/slow-" + i + ".png").ToArray();

            var result = RunConnected("$urls | ForEach-Object { [pscustomobject]@{ ProjectId = $ProjectId; FileUrl = $_ } } | New-HitlJob -ThrottleLimit 2",
                new Dictionary<string, object?> { ["urls"] = urls });

            Assert.Empty(result.Errors);
            Assert.Equal(urls, result.Objects<HitlJob>().Select(j => j.FileUrl!.Single()));
            var posts = Requests("POST", "/v1/jobs");
            Assert.Equal(6, posts.Count);
            // All six were sent while the first was still waiting for its answer.
            Assert.True(posts[5].ReceivedAt - posts[0].ReceivedAt < TimeSpan.FromMilliseconds(1400), "a slow create held back the others");
        }
    }
}
