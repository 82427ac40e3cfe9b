using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class ConnectAndProjectTests : AngoTest
    {
        [Fact]
        public void Connect_Ango_validates_the_key_with_a_one_item_project_listing_and_sends_the_apikey_header()
        {
            var result = Shell.Run(Connect + "Get-AngoSession");

            Assert.Empty(result.Errors);
            Assert.Equal(new System.Uri(Emulator.BaseUri, "v2/"), Assert.Single(result.Objects<AngoSession>()).BaseUri);
            var request = Assert.Single(Account.Requests);
            Assert.Equal("/v2/listProjects", request.Path);
            Assert.Equal("1", Query(request)["limit"]);
            Assert.Equal("1", Query(request)["page"]);
            Assert.Equal(Account.ApiKey, request.Headers["apikey"]);
            Assert.False(request.Headers.ContainsKey("authorization"));
        }

        [Fact]
        public void Connect_Ango_with_a_wrong_key_is_Unauthorized_with_the_services_message()
        {
            Shell.SetVariable("WrongKey", HitlTest.SecureText("wrong"));

            var result = Shell.Run("Connect-Ango -ApiKey $WrongKey -BaseUri $AngoUri\nGet-AngoSession");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.Unauthorized", error.FullyQualifiedErrorId);
            Assert.Contains("Invalid API key", error.Exception.Message);
            Assert.Empty(result.Objects<AngoSession>());
        }

        [Theory]
        [InlineData("EU", "https://imeritapi.ango.ai/v2/")]
        [InlineData("US", "https://us-api.ango.ai/v2/")]
        [InlineData("India", "https://in-api.ango.ai/v2/")]
        [InlineData("Test", "https://testapi.ango.ai/v2/")]
        public void Regions_map_to_the_documented_servers(string region, string expected) =>
            Assert.Equal(expected, AngoSession.BaseUriFor((AngoRegion)System.Enum.Parse(typeof(AngoRegion), region)).ToString());

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(99)]
        [InlineData(100)]
        [InlineData(101)]
        [InlineData(250)]
        public void Get_AngoProject_streams_every_project_across_pages_of_100(int count)
        {
            for (var i = 0; i < count; i++) Ango.AddProject("Project " + i.ToString("D3"));

            var result = RunConnected("Get-AngoProject -Sort name");

            Assert.Empty(result.Errors);
            Assert.Equal(Enumerable.Range(0, count).Select(i => "Project " + i.ToString("D3")), result.Objects<AngoProject>().Select(p => p.Name));
            var pages = Requests("GET", "/v2/listProjects");
            Assert.Equal(System.Math.Max(1, (count + 99) / 100), pages.Count);
            Assert.All(pages, p => Assert.Equal("100", Query(p)["limit"]));
            Assert.All(pages, p => Assert.Equal("name", Query(p)["sort"]));
        }

        [Fact]
        public void Skip_First_and_IncludeTotalCount_select_a_window_and_report_the_services_total()
        {
            for (var i = 0; i < 250; i++) Ango.AddProject("Project " + i.ToString("D3"));

            var result = RunConnected("Get-AngoProject -Sort name -Skip 195 -First 10 -IncludeTotalCount");

            Assert.Equal(Enumerable.Range(195, 10).Select(i => "Project " + i.ToString("D3")), result.Objects<AngoProject>().Select(p => p.Name));
            Assert.Equal(250UL, result.Output[0].BaseObject); // -IncludeTotalCount writes the total first
            Assert.Equal(new[] { "2", "3" }, Requests("GET", "/v2/listProjects").Select(r => Query(r)["page"]).OrderBy(int.Parse));
        }

        [Fact]
        public void Get_AngoProject_by_id_returns_the_whole_project_with_typed_stages_and_ids_bind_by_property_name()
        {
            var id = Ango.AddProject("Street scenes", "cars and people");

            var result = RunConnected("$list = Get-AngoProject\n$list\n$list | Get-AngoProject");

            var projects = result.Objects<AngoProject>();
            Assert.Equal(2, projects.Count);
            var full = projects[1];
            Assert.Equal(id, full.ProjectId);
            Assert.Equal("cars and people", full.Description);
            Assert.Equal(new[] { "Start", "Label", "Complete" }, full.Stages!.Select(s => s.Name));
            Assert.Equal(full.Stages![1].StageId, full.Stages[0].Next!.Single());
            Assert.Equal("/v2/project/" + id, Account.Requests.Last().Path);
        }

        [Fact]
        public void Unknown_project_is_NotFound_with_the_services_message_and_the_pipeline_goes_on()
        {
            var id = Ango.AddProject("Real");

            var result = RunConnected("Get-AngoProject -ProjectId nope, $id", new Dictionary<string, object?> { ["id"] = id });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("Project not found", error.Exception.Message);
            Assert.Equal("nope", error.TargetObject);
            Assert.Single(result.Objects<AngoProject>());
        }

        [Theory]
        [InlineData(401, "LabelOps.Unauthorized", ErrorCategory.AuthenticationError)]
        [InlineData(403, "LabelOps.Forbidden", ErrorCategory.PermissionDenied)]
        [InlineData(400, "LabelOps.InvalidArgument", ErrorCategory.InvalidArgument)]
        public void Error_envelopes_map_to_ErrorIds_and_categories(int status, string errorId, ErrorCategory category)
        {
            Account.Faults.Add("GET", "/v2/project/*", new Fault { Status = status });

            var result = RunConnected("Get-AngoProject -ProjectId p1");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith(errorId, error.FullyQualifiedErrorId);
            Assert.Equal(category, error.CategoryInfo.Category);
        }

        [Fact]
        public void Without_a_session_or_ANGO_API_KEY_an_Ango_cmdlet_is_NotConnected_naming_Connect_Ango()
        {
            if (!string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("ANGO_API_KEY"))) return; // a developer's real key would connect

            var result = Shell.Run("Get-AngoProject");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotConnected", error.FullyQualifiedErrorId);
            Assert.Contains("Connect-Ango", error.Exception.Message);
        }
    }
}
