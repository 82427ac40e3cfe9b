using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    /// <summary>-ThrottleLimit of the Ango bulk cmdlets: up to that many requests at once, output in input order, nothing sent twice.</summary>
    public sealed class AngoThrottleLimitTests : AngoTest
    {
        [Fact]
        public void Set_AngoTaskAssignee_PassThru_reads_ThrottleLimit_tasks_at_once_and_writes_them_in_input_order()
        {
            var project = new TaskTestWorkflow(Ango);
            var ids = Ango.AddAssets(project.ProjectId, 6);
            // The first read is the slowest, so answers come back out of input order.
            Account.Faults.Add("GET", "/v2/task/*", new Fault { Delay = TimeSpan.FromMilliseconds(900) });
            Account.Faults.Add("GET", "/v2/task/*", new Fault { Delay = TimeSpan.FromMilliseconds(300) }, times: 5);

            var result = RunConnected("Set-AngoTaskAssignee -ProjectId $p -TaskId $ids -Stage $s -Email ana@example.test -PassThru -ThrottleLimit 3",
                new Dictionary<string, object?> { ["p"] = project.ProjectId, ["ids"] = ids.ToArray(), ["s"] = TaskTestWorkflow.Label });

            result.ThrowIfFailed();
            Assert.Equal(ids, result.Objects<AngoTask>().Select(t => t.TaskId));
            var reads = Requests("GET", "/v2/task/");
            Assert.Equal(6, reads.Count);
            Assert.True((reads[2].ReceivedAt - reads[0].ReceivedAt).TotalMilliseconds < 250, "the first three reads were not concurrent");
            Assert.True((reads[3].ReceivedAt - reads[0].ReceivedAt).TotalMilliseconds >= 250, "more than ThrottleLimit reads were in flight");
        }

        [Fact]
        public void Add_AngoAsset_sends_registration_requests_concurrently_each_once_and_writes_results_in_order()
        {
            var projectId = Ango.AddProject("Concurrent registrations");
            var urls = Enumerable.Range(0, 250).Select(i => "https://storage.example.test/bulk/img-" + i.ToString("D3") + ".jpg").ToArray();
            Account.Faults.Add("POST", "/v2/project/*/cloud", new Fault { Delay = TimeSpan.FromMilliseconds(900) });
            Account.Faults.Add("POST", "/v2/project/*/cloud", new Fault { Delay = TimeSpan.FromMilliseconds(300) }, times: 2);

            var result = RunConnected("Add-AngoAsset -ProjectId $p -Uri $urls -ThrottleLimit 3",
                new Dictionary<string, object?> { ["p"] = projectId, ["urls"] = urls });

            result.ThrowIfFailed();
            var written = result.Objects<AngoAssetImportResult>();
            Assert.Equal(new long[] { 100, 100, 50 }, written.Select(r => r.AssetsCreated));
            var calls = Requests("POST", "/v2/project/" + projectId + "/cloud");
            Assert.Equal(3, calls.Count);
            Assert.True((calls[2].ReceivedAt - calls[0].ReceivedAt).TotalMilliseconds < 250, "the registrations were not concurrent");
            var sent = calls.SelectMany(c => JsonNode.Parse(c.Body)!["assets"]!.AsArray().Select(a => (string)a!["data"]!)).OrderBy(u => u, StringComparer.Ordinal);
            Assert.Equal(urls, sent); // every URL sent exactly once
            Assert.Equal(250, Ango.GetAssets(projectId).Count);
        }
    }
}
