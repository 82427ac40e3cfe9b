using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using LabelOps.Emulator;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    /// <summary>
    /// The emulator's /_emulator/ango control routes, through which the Pester suite (in another process than the
    /// emulator) arranges and reads Ango state: each arranges and reads the same state as the AngoStore method it stands
    /// for. No Pester counterpart: this is the Pester suite's own infrastructure.
    /// </summary>
    public sealed class AngoControlRouteTests
    {
        private static readonly HttpClient Http = new HttpClient();

        public AngoControlRouteTests() => Account = Emulator.CreateAccount();

        private EmulatorServer Emulator { get; } = SharedEmulator.Server;

        private EmulatorAccount Account { get; }

        private AngoStore Ango => Account.Ango;

        private JsonNode? Send(HttpMethod method, string path, JsonObject? body = null, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var uri = new Uri(Emulator.BaseUri, "_emulator/ango" + path + (body == null ? (path.Contains('?') ? "&" : "?") + "apiKey=" + Uri.EscapeDataString(Account.ApiKey) : string.Empty));
            using var request = new HttpRequestMessage(method, uri);
            if (body != null)
            {
                body["apiKey"] = Account.ApiKey;
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
            using var response = Http.Send(request);
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.True(response.StatusCode == expected, method + " " + path + ": " + (int)response.StatusCode + " " + text);
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }

        [Fact]
        public void Projects_assets_tasks_and_batches_arranged_over_HTTP_are_those_of_the_accounts_store()
        {
            var projectId = (string)Send(HttpMethod.Post, "/projects", new JsonObject { ["name"] = "Over HTTP", ["description"] = "d" })!["id"]!;
            var batchId = (string)Send(HttpMethod.Post, "/batches", new JsonObject { ["projectId"] = projectId, ["name"] = "Week 1", ["kind"] = "project" })!["id"]!;
            var one = Send(HttpMethod.Post, "/assets", new JsonObject { ["projectId"] = projectId, ["externalId"] = "a.jpg", ["batches"] = new JsonArray(batchId), ["metadata"] = new JsonObject { ["width"] = 10 } })!;
            var many = Send(HttpMethod.Post, "/assets", new JsonObject { ["projectId"] = projectId, ["count"] = 2 })!["taskIds"]!.AsArray();
            var complete = (string)Send(HttpMethod.Get, "/projects/" + projectId + "/stages/Complete")!["id"]!;
            var taskId = (string)one["taskId"]!;
            var updated = Send(HttpMethod.Post, "/tasks/" + taskId, new JsonObject { ["set"] = new JsonObject { ["stage"] = complete, ["answer"] = new JsonObject { ["objects"] = new JsonArray() } } })!;

            Assert.Equal("Over HTTP", (string?)Ango.GetProject(projectId)!["name"]);
            Assert.Equal(batchId, (string?)Ango.GetBatches(projectId).Single()["_id"]);
            Assert.Equal(Ango.StageId(projectId, "Complete"), complete);
            Assert.Equal(complete, (string?)Ango.GetTask(taskId)!["stage"]);
            Assert.Equal(complete, (string?)updated["stage"]);
            Assert.Equal(10, (int)Ango.GetAsset((string)one["assetId"]!)!["metadata"]!["width"]!);
            Assert.Equal(new[] { "a.jpg", "asset-00000.jpg", "asset-00001.jpg" }, Ango.GetAssets(projectId).Select(a => (string?)a["externalId"]));
            Assert.Equal(Ango.GetTasks(projectId).Skip(1).Select(t => (string?)t["_id"]), many.Select(t => (string?)t));
            Assert.Equal(3, Send(HttpMethod.Get, "/projects/" + projectId + "/tasks")!.AsArray().Count);
            Assert.Equal(3, Send(HttpMethod.Get, "/projects/" + projectId + "/assets")!.AsArray().Count);
            Assert.Equal("d", (string?)Send(HttpMethod.Get, "/projects/" + projectId)!["description"]);
            Assert.Equal(taskId, (string?)Send(HttpMethod.Get, "/projects/" + projectId + "/export-records")!.AsArray()[0]!["task"]!["taskId"]);
            Assert.Equal(Ango.OrganizationId, (string?)Send(HttpMethod.Get, "/organization")!["organizationId"]);
            Send(HttpMethod.Get, "/projects/nope", expected: HttpStatusCode.NotFound);
            Send(HttpMethod.Get, "/tasks/nope", expected: HttpStatusCode.NotFound);
        }

        [Fact]
        public void The_request_count_route_counts_the_accounts_requests_by_method_and_path_prefix()
        {
            var projectId = Ango.AddProject("Counted");
            void Call(HttpMethod method, string path)
            {
                using var request = new HttpRequestMessage(method, new Uri(Emulator.BaseUri, path));
                request.Headers.Add("apikey", Account.ApiKey);
                if (method == HttpMethod.Post) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var _ = Http.Send(request);
            }
            int Count(string method, string prefix)
            {
                var uri = new Uri(Emulator.BaseUri, "_emulator/requests/count?method=" + method + "&pathPrefix=" + Uri.EscapeDataString(prefix) + "&apiKey=" + Uri.EscapeDataString(Account.ApiKey));
                return (int)JsonNode.Parse(Http.GetStringAsync(uri).GetAwaiter().GetResult())!["count"]!;
            }

            Call(HttpMethod.Get, "v2/project/" + projectId + "/tasks");
            Call(HttpMethod.Get, "v2/project/" + projectId + "/tasks");
            Call(HttpMethod.Get, "v2/project/" + projectId);
            Call(HttpMethod.Post, "v2/project/" + projectId + "/cloud");

            Assert.Equal(Account.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/v2/project/" + projectId + "/tasks", StringComparison.Ordinal)), Count("GET", "/v2/project/" + projectId + "/tasks"));
            Assert.Equal(2, Count("GET", "/v2/project/" + projectId + "/tasks"));
            Assert.Equal(3, Count("GET", "/v2/project/"));
            Assert.Equal(1, Count("POST", "/v2/project/" + projectId + "/cloud"));
            Assert.Equal(0, Count("DELETE", "/v2/"));
        }

        [Fact]
        public void Issues_storages_and_generated_export_records_arranged_over_HTTP_are_those_of_the_accounts_store()
        {
            var projectId = Ango.AddProject("P");
            var taskId = Ango.AddAsset(projectId, "a.jpg").TaskId;

            var issueId = (string)Send(HttpMethod.Post, "/issues", new JsonObject { ["taskId"] = taskId, ["content"] = "Loose", ["status"] = "Resolved", ["title"] = "Box" })!["id"]!;
            var storageId = (string)Send(HttpMethod.Post, "/storages", new JsonObject { ["name"] = "raw" })!["id"]!;
            Send(HttpMethod.Post, "/projects/" + projectId + "/generated-export-records", new JsonObject { ["count"] = 5 }, HttpStatusCode.NoContent);

            var issue = Ango.GetIssues().Single();
            Assert.Equal(issueId, (string?)issue["_id"]);
            Assert.Equal("Resolved", (string?)issue["status"]);
            Assert.Equal(issueId, (string?)Send(HttpMethod.Get, "/issues")!.AsArray().Single()!["_id"]);
            Assert.Equal(storageId, (string?)Ango.GetStorages().Single()["_id"]);
            Assert.Equal(storageId, (string?)Send(HttpMethod.Get, "/storages")!.AsArray().Single()!["_id"]);
            Assert.Equal(3, Send(HttpMethod.Get, "/members")!.AsArray().Count);
            Assert.Empty(Send(HttpMethod.Get, "/storage-uploads")!.AsArray());
            Assert.Empty(Send(HttpMethod.Get, "/webhook-reruns")!.AsArray());
            Assert.Null(Send(HttpMethod.Get, "/projects/" + projectId + "/instructions"));
            Send(HttpMethod.Post, "/issues", new JsonObject { ["content"] = "no task" }, HttpStatusCode.BadRequest);
        }
    }
}
