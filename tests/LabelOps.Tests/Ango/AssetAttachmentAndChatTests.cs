using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class AssetAttachmentAndChatTests : AngoTest
    {
        private readonly string _projectId;
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "labelops-chat-" + Guid.NewGuid().ToString("N"));

        public AssetAttachmentAndChatTests()
        {
            Directory.CreateDirectory(_folder);
            _projectId = Ango.AddProject("Attachments and chat");
            Shell.SetVariable("p", _projectId);
        }

        public override void Dispose()
        {
            base.Dispose();
            Directory.Delete(_folder, recursive: true);
        }

        [Fact]
        public void Attachment_rows_go_in_one_request_by_external_id_or_asset_id_and_a_bad_row_is_one_error()
        {
            var (first, _) = Ango.AddAsset(_projectId, "one.jpg");
            var (second, _) = Ango.AddAsset(_projectId, "two.jpg");

            var result = RunConnected(
                "@([pscustomobject]@{ externalId = 'one.jpg'; data = 'https://cdn.example.test/ref.png'; type = 'image' },\n" +
                "  [pscustomobject]@{ assetId = $a; attachmentUrl = 'Look at the left lane'; attachmentType = 'TEXT' },\n" +
                "  [pscustomobject]@{ externalId = 'two.jpg'; data = 'https://cdn.example.test/x.gif'; type = 'AUDIO' }) | Add-AngoAttachment -ProjectId $p",
                new Dictionary<string, object?> { ["a"] = second });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            Assert.Contains("IMAGE, VIDEO or TEXT", error.Exception.Message);
            var body = JsonNode.Parse(Assert.Single(Requests("POST", "/v2/attachments")).Body)!;
            Assert.Equal(_projectId, (string?)body["project"]);
            var sent = body["attachments"]!.AsArray();
            Assert.Equal(new[] { "IMAGE", "TEXT" }, sent.Select(a => (string?)a!["attachmentType"]));
            Assert.Equal("one.jpg", (string?)sent[0]!["externalId"]);
            Assert.Equal(second, (string?)sent[1]!["assetId"]);
            var summary = Assert.Single(result.Objects<AngoAttachmentImportResult>());
            Assert.Equal(2, summary.AttachmentsImported);
            Assert.Equal(2, summary.AssetsUpdated);
            Assert.Equal("https://cdn.example.test/ref.png", (string?)Ango.GetAsset(first)!["attachments"]![0]!["value"]);
        }

        [Fact]
        public void Add_AngoAttachment_with_WhatIf_sends_nothing()
        {
            var result = RunConnected("Add-AngoAttachment -ProjectId $p -ExternalId one.jpg -Uri https://cdn.example.test/ref.png -Type IMAGE -WhatIf");

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
        }

        [Fact]
        public void Add_AngoChatAsset_sends_conversations_batch_names_and_the_llm_config_as_one_multipart_upload()
        {
            var week = Ango.DefineBatch(_projectId, "Week 1");

            var result = RunConnected(
                "$c = @{ externalId = 'chat-a'; messages = @(@{ role = 'user'; content = 'hi' }) }, @{ externalId = 'chat-b'; messages = @() }\n" +
                "Add-AngoChatAsset -ProjectId $p -Conversation $c -Batch $b -LlmConfig @{ model = 'gpt-4o' }",
                new Dictionary<string, object?> { ["b"] = week });

            Assert.Empty(result.Errors);
            var upload = Assert.Single(Ango.ChatUploads);
            Assert.Equal(2, upload.ConversationCount);
            Assert.Equal(new[] { "Week 1" }, upload.BatchNames);
            Assert.Equal("gpt-4o", (string?)JsonNode.Parse(upload.LlmConfigJson!)!["model"]);
            Assert.Contains("conversations", upload.FieldNames);
            Assert.Null(upload.FileName);
            Assert.Equal(new[] { "chat-a", "chat-b" }, Ango.GetAssets(_projectId).Select(a => (string?)a["externalId"]));
            var summary = Assert.Single(result.Objects<AngoChatImportResult>());
            Assert.Equal(2, summary.AssetsCreated);
            Assert.Single(Requests("POST", "/v2/project/" + _projectId + "/chat"));
        }

        [Fact]
        public void Add_AngoChatAsset_Path_sends_the_file_and_refuses_a_file_that_is_not_conversations_before_sending()
        {
            var good = Path.Combine(_folder, "chats.json");
            File.WriteAllText(good, "[{\"externalId\":\"c1\"},{\"externalId\":\"c2\"},{\"externalId\":\"c3\"}]");
            var bad = Path.Combine(_folder, "bad.json");
            File.WriteAllText(bad, "{ not json");

            var result = RunConnected("Add-AngoChatAsset -ProjectId $p -Path $good\nAdd-AngoChatAsset -ProjectId $p -Path $bad",
                new Dictionary<string, object?> { ["good"] = good, ["bad"] = bad });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.InvalidArgument", error.FullyQualifiedErrorId);
            var upload = Assert.Single(Ango.ChatUploads);
            Assert.Equal("chats.json", upload.FileName);
            Assert.Equal(3, upload.ConversationCount);
            Assert.Single(Requests("POST", "/v2/project/" + _projectId + "/chat"));
        }

        [Fact]
        public void Send_AngoChatFile_sends_each_file_in_its_own_request_and_a_missing_one_is_one_error()
        {
            var first = Path.Combine(_folder, "a.jsonl");
            File.WriteAllText(first, "{\"externalId\":\"a1\"}\n{\"externalId\":\"a2\"}\n");
            var second = Path.Combine(_folder, "b.json");
            File.WriteAllText(second, "[{\"externalId\":\"b1\"}]");

            var result = RunConnected("Send-AngoChatFile -ProjectId $p -Path $a, \"$dir/missing.json\", $b",
                new Dictionary<string, object?> { ["a"] = first, ["b"] = second, ["dir"] = _folder });

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("LabelOps.NotFound", error.FullyQualifiedErrorId);
            Assert.Equal(new[] { "a.jsonl", "b.json" }, Ango.ChatUploads.Select(u => u.FileName));
            Assert.Equal(new long?[] { 2, 1 }, result.Objects<AngoChatImportResult>().Select(r => r.AssetsCreated));
        }

        [Fact]
        public void Chat_cmdlets_with_WhatIf_send_nothing()
        {
            var file = Path.Combine(_folder, "a.json");
            File.WriteAllText(file, "[{\"externalId\":\"a1\"}]");

            var result = RunConnected("Add-AngoChatAsset -ProjectId $p -Conversation @{ a = 1 } -WhatIf\nSend-AngoChatFile -ProjectId $p -Path $f -WhatIf",
                new Dictionary<string, object?> { ["f"] = file });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
            Assert.Empty(Ango.ChatUploads);
        }
    }
}
