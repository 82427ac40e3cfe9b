using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using LabelOps.Tests.Infrastructure;
using Xunit;

namespace LabelOps.Tests.Ango
{
    public sealed class StorageTests : AngoTest
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY";

        [Fact]
        public void New_AngoStorage_sends_the_credential_once_and_no_stream_ever_shows_it()
        {
            Shell.SetVariable("cred", new System.Management.Automation.PSCredential("AKIAEXAMPLEKEYID", HitlTest.SecureText(Secret)));

            var result = RunConnected(
                "$s = New-AngoStorage -Name 'Raw images' -Type aws -Bucket raw-images -Region eu-west-1 -Credential $cred -Verbose -Debug\n" +
                "$s\n$s.psobject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" }\nGet-AngoStorage -Verbose -Debug",
                new Dictionary<string, object?> { ["DebugPreference"] = "Continue" });

            Assert.Empty(result.Errors);
            var storage = result.Objects<AngoStorage>().First();
            Assert.Equal("Raw images", storage.Name);
            Assert.Equal("aws", storage.Type);
            Assert.Equal("raw-images", storage.Bucket);
            Assert.Equal("eu-west-1", storage.Region);
            Assert.Equal(Ango.OrganizationId, storage.Organization);
            Assert.NotEmpty(result.Debug); // debug was on, so a leak would have had somewhere to go
            Assert.DoesNotContain(result.AllText(), text => text.Contains(Secret, StringComparison.Ordinal));
            Assert.DoesNotContain(Secret, System.Text.Json.JsonSerializer.Serialize(result.Output.Select(o => o.BaseObject).ToList()));
            var post = Assert.Single(Requests("POST", "/v2/storages"));
            var credentials = JsonNode.Parse(post.Body)!["credentials"]!;
            Assert.Equal("AKIAEXAMPLEKEYID", (string?)credentials["accessKeyId"]);
            Assert.Equal(Secret, (string?)credentials["secretAccessKey"]);
            Assert.Equal(Secret, (string?)Ango.GetStorageSecrets(storage.StorageId)!["credentials"]!["secretAccessKey"]);
            Assert.DoesNotContain(Account.Requests.Where(r => r.Method == "GET"), r => r.Body.Contains(Secret, StringComparison.Ordinal));
        }

        [Fact]
        public void New_AngoStorage_for_GCS_sends_the_key_file_as_privateKey()
        {
            var keyFile = Path.GetTempFileName();
            File.WriteAllText(keyFile, "{\"type\":\"service_account\",\"private_key\":\"-----BEGIN PRIVATE KEY-----SECRETGCS\"}");
            try
            {
                var result = RunConnected("New-AngoStorage -Name g -Type gcs -Bucket b -PrivateKeyPath $k -Debug", new Dictionary<string, object?> { ["k"] = keyFile, ["DebugPreference"] = "Continue" });

                Assert.Empty(result.Errors);
                Assert.Contains("SECRETGCS", (string?)JsonNode.Parse(Assert.Single(Requests("POST", "/v2/storages")).Body)!["privateKey"]);
                Assert.DoesNotContain(result.AllText(), text => text.Contains("SECRETGCS", StringComparison.Ordinal));
            }
            finally
            {
                File.Delete(keyFile);
            }
        }

        [Theory]
        [InlineData(0, 1)]
        [InlineData(100, 2)]
        [InlineData(101, 2)]
        public void Get_AngoStorage_pages_without_a_total(int count, int expectedRequests)
        {
            for (var i = 0; i < count; i++) Ango.AddStorage("s" + i);

            var result = RunConnected("Get-AngoStorage");

            Assert.Empty(result.Errors);
            Assert.Equal(count, result.Objects<AngoStorage>().Count);
            Assert.Equal(expectedRequests, Requests("GET", "/v2/storages").Count);
        }

        [Fact]
        public void Remove_AngoStorage_is_ConfirmImpact_High_it_asks_first_and_proceeds_with_Confirm_false()
        {
            var keep = Ango.AddStorage("keep");
            var drop = Ango.AddStorage("drop");

            var asked = RunConnected("Remove-AngoStorage -StorageId $d", new Dictionary<string, object?> { ["d"] = drop });
            Assert.Empty(Requests("DELETE", "/v2/storages")); // the prompt could not be answered in a hosted runspace, so nothing was sent
            Assert.True(asked.Errors.Count > 0 || asked.Terminating != null);

            var result = RunConnected("Get-AngoStorage | Where-Object Name -eq drop | Remove-AngoStorage -Confirm:$false");

            Assert.Empty(result.Errors);
            Assert.Equal("/v2/storages/" + drop, Assert.Single(Requests("DELETE", "/v2/storages")).Path);
            Assert.Equal(new[] { keep }, Ango.GetStorages().Select(s => (string)s["_id"]!));
        }

        [Fact]
        public void Remove_AngoStorage_with_WhatIf_sends_nothing()
        {
            var id = Ango.AddStorage("x");

            var result = RunConnected("Remove-AngoStorage -StorageId $i -WhatIf", new Dictionary<string, object?> { ["i"] = id });

            Assert.Empty(result.Errors);
            Assert.Empty(Account.Requests);
            Assert.Single(Ango.GetStorages());
        }
    }
}
