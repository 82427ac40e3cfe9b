using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    /// <summary>New-AngoProject, Get/Set-AngoCategorySchema and Get/Set-AngoWorkflow.</summary>
    public sealed class ProjectsAsCodeSchemaAndWorkflowTests : AngoTest
    {
        private static JsonObject Schema() => new JsonObject
        {
            ["tools"] = new JsonArray(
                new JsonObject { ["schemaId"] = "t1", ["title"] = "Car", ["tool"] = "bounding-box", ["color"] = "#ff0000", ["required"] = false, ["classifications"] = new JsonArray() },
                new JsonObject { ["schemaId"] = "t2", ["title"] = "Lane", ["tool"] = "polyline", ["color"] = "#00ff00", ["multiple"] = true }),
            ["classifications"] = new JsonArray(
                new JsonObject { ["schemaId"] = "c1", ["title"] = "Weather", ["tool"] = "radio", ["options"] = new JsonArray(new JsonObject { ["schemaId"] = "o1", ["value"] = "Sunny" }, new JsonObject { ["schemaId"] = "o2", ["value"] = "Rain" }) }),
            ["relations"] = new JsonArray(new JsonObject { ["schemaId"] = "r1", ["title"] = "Follows", ["tool"] = "one-to-one" }),
        };

        private static JsonArray ReviewWorkflow() => new JsonArray(
            new JsonObject { ["id"] = "s-start", ["name"] = "Start", ["type"] = "Start", ["next"] = new JsonArray("s-label"), ["autoForward"] = true, ["position"] = new JsonObject { ["x"] = 0, ["y"] = 10 } },
            new JsonObject { ["id"] = "s-label", ["name"] = "Label", ["type"] = "Label", ["next"] = new JsonArray("s-review"), ["assignedTo"] = new JsonArray("ann@example.test") },
            new JsonObject { ["id"] = "s-review", ["name"] = "Review", ["type"] = "Review", ["next"] = new JsonArray("s-done", "s-label"), ["assignedTo"] = new JsonArray() },
            new JsonObject { ["id"] = "s-done", ["name"] = "Complete", ["type"] = "Complete", ["next"] = new JsonArray() });

        private Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs) => pairs.ToDictionary(p => p.Name, p => p.Value);

        [Fact]
        public void New_AngoProject_creates_the_project_with_one_POST_and_returns_it_with_the_default_workflow()
        {
            var result = RunConnected("New-AngoProject -Name 'Street scenes' -Description 'cars and people'");

            Assert.Empty(result.Errors);
            var project = Assert.Single(result.Objects<AngoProject>());
            Assert.Equal("Street scenes", project.Name);
            Assert.Equal(new[] { "Start", "Label", "Complete" }, project.Stages!.Select(s => s.Name));
            var request = Assert.Single(Requests("POST", "/v2/project"));
            var body = JsonNode.Parse(request.Body)!.AsObject();
            Assert.Equal("Street scenes", (string?)body["name"]);
            Assert.Equal("cars and people", (string?)body["description"]);
            Assert.False(body.ContainsKey("categorySchema"));
            Assert.Equal("cars and people", (string?)Ango.GetProject(project.ProjectId)!["description"]);
        }

        [Fact]
        public void New_AngoProject_with_a_CategorySchema_hashtable_stores_that_ontology()
        {
            var result = RunConnected("New-AngoProject -Name Lanes -CategorySchema @{ tools = @(@{ schemaId = 't1'; title = 'Lane'; tool = 'polyline' }) }");

            Assert.Empty(result.Errors);
            var stored = Ango.GetProject(Assert.Single(result.Objects<AngoProject>()).ProjectId)!["categorySchema"]!;
            Assert.Equal("Lane", (string?)stored["tools"]![0]!["title"]);
            Assert.Empty(stored["classifications"]!.AsArray());
            Assert.Empty(stored["relations"]!.AsArray());
        }

        [Fact]
        public void New_AngoProject_copies_name_description_and_schema_from_a_piped_project()
        {
            var source = Ango.AddProject("Template", "the template", Schema());

            var result = RunConnected("Get-AngoProject -ProjectId $source | New-AngoProject", Vars(("source", source)));

            Assert.Empty(result.Errors);
            var copy = Assert.Single(result.Objects<AngoProject>());
            Assert.NotEqual(source, copy.ProjectId);
            Assert.Equal("Template", copy.Name);
            Assert.True(JsonNode.DeepEquals(Ango.GetProject(source)!["categorySchema"], Ango.GetProject(copy.ProjectId)!["categorySchema"]));
        }

        [Fact]
        public void New_AngoProject_with_WhatIf_sends_nothing()
        {
            var result = RunConnected("New-AngoProject -Name Nope -WhatIf");

            Assert.Empty(result.Errors);
            Assert.Empty(Requests("POST", "/v2/"));
            Assert.Equal(0, Ango.ProjectCount);
        }

        [Fact]
        public void New_AngoProject_with_a_schema_that_is_not_a_schema_is_InvalidArgument_and_sends_nothing()
        {
            var result = RunConnected("New-AngoProject -Name Bad -CategorySchema @{ tools = 'Car' }");

            Assert.Equal(new[] { "LabelOps.InvalidArgument" }, result.ErrorIds);
            Assert.Contains("tools must be a list", result.Errors[0].Exception.Message);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void New_AngoProject_is_a_create_so_an_ambiguous_500_is_not_resent()
        {
            Account.Faults.Add("POST", "/v2/project", new Fault { Status = 500, AfterHandler = true });

            var result = RunConnected("New-AngoProject -Name Once");

            Assert.Equal(new[] { "LabelOps.ServerError" }, result.ErrorIds);
            Assert.Single(Requests("POST", "/v2/project"));
            Assert.Equal(1, Ango.ProjectCount);
        }

        [Fact]
        public void Get_AngoCategorySchema_returns_the_ontology_navigable_with_dot_notation()
        {
            var id = Ango.AddProject("P", categorySchema: Schema());

            var result = RunConnected("$s = Get-AngoCategorySchema -ProjectId $id\n$s\n$s.Tools[1].title\n$s.Classifications[0].options[1].value", Vars(("id", id)));

            Assert.Empty(result.Errors);
            var schema = Assert.Single(result.Objects<AngoCategorySchema>());
            Assert.Equal(id, schema.ProjectId);
            Assert.Equal(2, ((ICollection)schema.Tools!).Count);
            Assert.Equal(new[] { "Lane", "Rain" }, result.Objects<string>());
            Assert.Equal("/v2/project/" + id, Assert.Single(Account.Requests).Path);
        }

        [Fact]
        public void Get_AngoCategorySchema_for_an_unknown_project_is_NotFound_and_other_ids_still_run()
        {
            var id = Ango.AddProject("P", categorySchema: Schema());

            var result = RunConnected("'nope', $id | Get-AngoCategorySchema", Vars(("id", id)));

            Assert.Equal(new[] { "LabelOps.NotFound" }, result.ErrorIds);
            Assert.Equal("nope", result.Errors[0].TargetObject);
            Assert.Single(result.Objects<AngoCategorySchema>());
        }

        [Fact]
        public void Category_schema_round_trip_copies_the_ontology_and_the_explicit_ProjectId_wins_over_the_piped_one()
        {
            var a = Ango.AddProject("A", categorySchema: Schema());
            var b = Ango.AddProject("B");

            var result = RunConnected("Get-AngoCategorySchema -ProjectId $a | Set-AngoCategorySchema -ProjectId $b", Vars(("a", a), ("b", b)));

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Equal("/v2/project/" + b, Assert.Single(Requests("POST", "/v2/project")).Path);
            Assert.True(JsonNode.DeepEquals(Ango.GetProject(a)!["categorySchema"], Ango.GetProject(b)!["categorySchema"]));
        }

        [Fact]
        public void Set_AngoCategorySchema_with_only_Tool_replaces_the_whole_schema_and_PassThru_returns_what_was_stored()
        {
            var id = Ango.AddProject("P", categorySchema: Schema());

            var result = RunConnected("Set-AngoCategorySchema -ProjectId $id -Tool @{ schemaId = 'p1'; title = 'Person'; tool = 'polygon' } -PassThru", Vars(("id", id)));

            Assert.Empty(result.Errors);
            var body = JsonNode.Parse(Assert.Single(Requests("POST", "/v2/project")).Body)!["categorySchema"]!;
            Assert.Equal("Person", (string?)body["tools"]![0]!["title"]);
            Assert.Empty(body["classifications"]!.AsArray());
            Assert.Empty(body["relations"]!.AsArray());
            var stored = Assert.Single(result.Objects<AngoCategorySchema>());
            Assert.Equal(id, stored.ProjectId);
            Assert.Single((ICollection)stored.Tools!);
            Assert.Empty((ICollection)stored.Relations!);
        }

        [Fact]
        public void Set_AngoCategorySchema_accepts_the_schema_as_JSON_text_and_Relation_overrides_its_relations()
        {
            var id = Ango.AddProject("P");
            var json = Schema().ToJsonString();

            var result = RunConnected("$json | Set-AngoCategorySchema -ProjectId $id -Relation @()", Vars(("id", id), ("json", json)));

            Assert.Empty(result.Errors);
            var stored = Ango.GetProject(id)!["categorySchema"]!;
            Assert.Equal(2, stored["tools"]!.AsArray().Count);
            Assert.Empty(stored["relations"]!.AsArray());
        }

        [Fact]
        public void Set_AngoCategorySchema_with_WhatIf_sends_nothing()
        {
            var id = Ango.AddProject("P");

            var result = RunConnected("Set-AngoCategorySchema -ProjectId $id -Tool @{ title = 'Car' } -WhatIf", Vars(("id", id)));

            Assert.Empty(result.Errors);
            Assert.Empty(Requests("POST", "/v2/"));
        }

        [Theory]
        [InlineData("Set-AngoCategorySchema -ProjectId $id", "at least one of -Tool")]
        [InlineData("Set-AngoCategorySchema -ProjectId $id -Tool 'Car'", "Tool items must be objects")]
        [InlineData("'{ not json' | Set-AngoCategorySchema -ProjectId $id", "not valid JSON")]
        [InlineData("@{ colour = 'red' } | Set-AngoCategorySchema -ProjectId $id", "none of tools")]
        public void Set_AngoCategorySchema_without_a_usable_schema_is_InvalidArgument_and_sends_nothing(string script, string message)
        {
            var id = Ango.AddProject("P", categorySchema: Schema());

            var result = RunConnected(script, Vars(("id", id)));

            Assert.Equal(new[] { "LabelOps.InvalidArgument" }, result.ErrorIds);
            Assert.Contains(message, result.Errors[0].Exception.Message);
            Assert.Empty(Account.Requests);
            Assert.Equal(2, Ango.GetProject(id)!["categorySchema"]!["tools"]!.AsArray().Count);
        }

        [Fact]
        public void Set_AngoCategorySchema_is_idempotent_so_it_is_resent_after_a_500()
        {
            var id = Ango.AddProject("P");
            Account.Faults.Add("POST", "/v2/project/*", new Fault { Status = 500 });

            var result = RunConnected("Set-AngoCategorySchema -ProjectId $id -Tool @{ title = 'Car' }", Vars(("id", id)));

            Assert.Empty(result.Errors);
            Assert.Equal(2, Requests("POST", "/v2/project/").Count);
            Assert.Equal("Car", (string?)Ango.GetProject(id)!["categorySchema"]!["tools"]![0]!["title"]);
        }

        [Fact]
        public void Get_AngoWorkflow_writes_one_AngoStage_per_stage_with_its_ProjectId_and_settings()
        {
            var id = Ango.AddProject("P", stages: ReviewWorkflow());

            var result = RunConnected("Get-AngoWorkflow -ProjectId $id", Vars(("id", id)));

            Assert.Empty(result.Errors);
            var stages = result.Objects<AngoStage>();
            Assert.Equal(new[] { "Start", "Label", "Review", "Complete" }, stages.Select(s => s.Name));
            Assert.All(stages, s => Assert.Equal(id, s.ProjectId));
            Assert.Equal(new[] { "s-done", "s-label" }, stages[2].Next);
            Assert.Equal(true, stages[0].Settings!["autoForward"]);
        }

        [Fact]
        public void Workflow_round_trip_copies_every_stage_with_its_settings_in_one_POST()
        {
            var a = Ango.AddProject("A", stages: ReviewWorkflow());
            var b = Ango.AddProject("B");

            var result = RunConnected("Get-AngoWorkflow -ProjectId $a | Set-AngoWorkflow -ProjectId $b", Vars(("a", a), ("b", b)));

            Assert.Empty(result.Errors);
            var request = Assert.Single(Requests("POST", "/v2/project"));
            Assert.Equal("/v2/project/" + b, request.Path);
            Assert.True(JsonNode.DeepEquals(Ango.GetProject(a)!["stages"], Ango.GetProject(b)!["stages"]), Ango.GetProject(b)!["stages"]!.ToJsonString());
        }

        [Fact]
        public void Stages_in_the_AngoStage_shape_as_ConvertTo_Json_writes_them_can_be_applied_again_and_PassThru_returns_the_stored_stages()
        {
            // What "Get-AngoWorkflow | ConvertTo-Json | Set-Content" and later "ConvertFrom-Json" give back:
            // PascalCase properties, the type-specific settings under Settings, and the source ProjectId.
            var id = Ango.AddProject("B");
            var script =
                "$stages = [pscustomobject]@{ StageId = 'a'; Name = 'Start'; Type = 'Start'; Next = @('b'); ProjectId = 'elsewhere'; Settings = [pscustomobject]@{ autoForward = $true; position = [pscustomobject]@{ x = 0; y = 5 } } },\n" +
                "  [pscustomobject]@{ StageId = 'b'; Name = 'Label'; Type = 'Label'; Next = @('c'); ProjectId = 'elsewhere'; Settings = [pscustomobject]@{ assignedTo = @('ann@example.test') } },\n" +
                "  [pscustomobject]@{ StageId = 'c'; Name = 'Complete'; Type = 'Complete'; Next = @(); ProjectId = 'elsewhere'; Settings = $null }\n" +
                "$stages | Set-AngoWorkflow -ProjectId $id -PassThru";

            var result = RunConnected(script, Vars(("id", id)));

            Assert.Empty(result.Errors);
            Assert.Equal("/v2/project/" + id, Assert.Single(Requests("POST", "/v2/project")).Path);
            Assert.Equal(new[] { "Start", "Label", "Complete" }, result.Objects<AngoStage>().Select(s => s.Name));
            Assert.All(result.Objects<AngoStage>(), s => Assert.Equal(id, s.ProjectId));
            var stored = Ango.GetProject(id)!["stages"]!.AsArray();
            Assert.Equal("a", (string?)stored[0]!["id"]);
            Assert.True((bool)stored[0]!["autoForward"]!);
            Assert.Equal(5, (int)stored[0]!["position"]!["y"]!);
            Assert.Equal("ann@example.test", (string?)stored[1]!["assignedTo"]![0]);
            Assert.False(stored[0]!.AsObject().ContainsKey("ProjectId"));
            Assert.False(stored[0]!.AsObject().ContainsKey("StageId"));
            Assert.Equal(new[] { "id", "name", "type", "next" }, stored[2]!.AsObject().Select(p => p.Key));
        }

        [Fact]
        public void Set_AngoWorkflow_takes_hashtables_for_a_new_workflow()
        {
            var id = Ango.AddProject("P");

            var result = RunConnected(
                "@{ id = 'a'; name = 'Start'; type = 'Start'; next = @('b') }, @{ id = 'b'; name = 'Label'; type = 'Label'; next = @('c'); assignedTo = @('x@example.test') }, @{ id = 'c'; name = 'Complete'; type = 'Complete'; next = @() } | Set-AngoWorkflow -ProjectId $id",
                Vars(("id", id)));

            Assert.Empty(result.Errors);
            var stages = Ango.GetProject(id)!["stages"]!.AsArray();
            Assert.Equal(new[] { "a", "b", "c" }, stages.Select(s => (string?)s!["id"]));
            Assert.Equal("x@example.test", (string?)stages[1]!["assignedTo"]![0]);
        }

        [Theory]
        [InlineData("@{ id = 'a'; name = 'Label'; type = 'Label'; next = @() }", "exactly one Start stage; this one has 0")]
        [InlineData("@{ id = 'a'; name = 'S1'; type = 'Start'; next = @('b') }, @{ id = 'b'; name = 'S2'; type = 'Start'; next = @() }", "exactly one Start stage; this one has 2")]
        [InlineData("@{ id = 'a'; name = 'Start'; type = 'Start'; next = @('ghost') }", "leads to 'ghost'")]
        [InlineData("@{ id = 'a'; name = 'Start'; type = 'Start' }, @{ id = 'a'; name = 'Label'; type = 'Label' }", "used by more than one stage")]
        [InlineData("@()", "at least one stage")]
        public void Set_AngoWorkflow_refuses_an_invalid_workflow_and_sends_nothing(string stages, string message)
        {
            var id = Ango.AddProject("P");
            var before = Ango.GetProject(id)!["stages"]!.ToJsonString();

            var result = RunConnected(stages + " | Set-AngoWorkflow -ProjectId $id", Vars(("id", id)));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains(message, error.Exception.Message);
            Assert.Empty(Account.Requests);
            Assert.Equal(before, Ango.GetProject(id)!["stages"]!.ToJsonString());
        }

        [Fact]
        public void Set_AngoWorkflow_with_WhatIf_sends_nothing()
        {
            var a = Ango.AddProject("A", stages: ReviewWorkflow());
            var b = Ango.AddProject("B");

            var result = RunConnected("Get-AngoWorkflow -ProjectId $a | Set-AngoWorkflow -ProjectId $b -WhatIf", Vars(("a", a), ("b", b)));

            Assert.Empty(result.Errors);
            Assert.Empty(Requests("POST", "/v2/"));
        }

        [Fact]
        public void Set_AngoWorkflow_for_an_unknown_project_is_NotFound()
        {
            var a = Ango.AddProject("A");

            var result = RunConnected("Get-AngoWorkflow -ProjectId $a | Set-AngoWorkflow -ProjectId nope", Vars(("a", a)));

            Assert.Equal(new[] { "LabelOps.NotFound" }, result.ErrorIds);
            Assert.Equal("nope", result.Errors[0].TargetObject);
        }

        [Fact]
        public void The_emulator_refuses_a_workflow_without_a_Start_stage_with_a_400_fail_envelope()
        {
            var id = Ango.AddProject("P");
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new System.Uri(Emulator.BaseUri, "v2/project/" + id))
            {
                Content = new StringContent("{\"stages\":[{\"id\":\"a\",\"name\":\"Label\",\"type\":\"Label\",\"next\":[]}]}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("apikey", Account.ApiKey);

            using var response = http.Send(request);

            Assert.Equal(400, (int)response.StatusCode);
            var body = JsonNode.Parse(response.Content.ReadAsStringAsync().Result)!;
            Assert.Equal("fail", (string?)body["status"]);
            Assert.Contains("Start", (string?)body["message"]);
            Assert.Equal(3, Ango.GetProject(id)!["stages"]!.AsArray().Count);
        }
    }
}
