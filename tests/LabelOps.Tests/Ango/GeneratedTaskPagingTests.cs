using System.Collections.Generic;
using System.Linq;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    /// <summary>Listing a project with many generated tasks: pages fetched several at a time, written in order, each once.</summary>
    public sealed class GeneratedTaskPagingTests : AngoTest
    {
        [Fact]
        public void A_long_listing_reads_each_page_once_and_writes_every_task_in_order_after_the_real_ones()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 3);
            Ango.SetGeneratedTasks(project.ProjectId, 2497);

            var result = RunConnected("Get-AngoTask -ProjectId $p -Sort externalId", new Dictionary<string, object?> { ["p"] = project.ProjectId });

            result.ThrowIfFailed();
            var expected = Enumerable.Range(0, 3).Select(i => "asset-" + i.ToString("D5") + ".jpg")
                .Concat(Enumerable.Range(0, 2497).Select(i => "generated-" + i.ToString("D6") + ".jpg"));
            Assert.Equal(expected, result.Objects<AngoTask>().Select(t => t.ExternalId));
            Assert.All(result.Objects<AngoTask>(), t => Assert.Equal("Label", t.StageName));
            var pages = Requests("GET", "/v2/project/" + project.ProjectId + "/tasks").Select(r => int.Parse(Query(r)["page"])).OrderBy(n => n);
            Assert.Equal(Enumerable.Range(1, 25), pages);
        }

        [Fact]
        public void Generated_tasks_are_left_out_of_filtered_listings_and_counted_in_the_total()
        {
            var project = new TaskTestWorkflow(Ango);
            Ango.AddAssets(project.ProjectId, 2);
            Ango.SetGeneratedTasks(project.ProjectId, 500);

            var filtered = RunConnected("Get-AngoTask -ProjectId $p -Status TODO", new Dictionary<string, object?> { ["p"] = project.ProjectId });
            var total = Shell.Run("Get-AngoTask -ProjectId $p -First 0 -IncludeTotalCount", new Dictionary<string, object?> { ["p"] = project.ProjectId });

            filtered.ThrowIfFailed();
            Assert.Equal(2, filtered.Objects<AngoTask>().Count);
            Assert.Equal(502UL, total.Output.Single().BaseObject);
        }
    }
}
