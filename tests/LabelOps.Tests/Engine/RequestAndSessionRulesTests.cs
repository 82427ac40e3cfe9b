using System;
using LabelOps.Engine;
using LabelOps.Engine.Hitl;
using Xunit;

namespace LabelOps.Tests.Engine
{
    public sealed class RequestAndSessionRulesTests
    {
        [Theory]
        [InlineData("abc", "v1/jobs/abc")]
        [InlineData("a/b", "v1/jobs/a%2Fb")]
        [InlineData("a?b#c", "v1/jobs/a%3Fb%23c")]
        [InlineData("../x", "v1/jobs/..%2Fx")]
        [InlineData("a b", "v1/jobs/a%20b")]
        public void Ids_are_escaped_into_a_single_path_segment(string id, string expected) =>
            Assert.Equal(expected, ApiRequest.PathOf("v1/jobs", id));

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData(".")]
        [InlineData("..")]
        [InlineData("a\nb")]
        public void Ids_that_cannot_name_a_resource_are_rejected(string id) =>
            Assert.Equal(ErrorReason.InvalidArgument, Assert.Throws<LabelOpsException>(() => IdRules.Require(id, "JobId")).Reason);

        [Fact]
        public void An_overlong_id_is_rejected_naming_the_limit()
        {
            var failure = Assert.Throws<LabelOpsException>(() => IdRules.Require(new string('x', 257), "JobId"));
            Assert.Contains("256", failure.Message);
        }

        [Theory]
        [InlineData("https://api.example.test", "https://api.example.test/")]
        [InlineData("https://api.example.test/v2", "https://api.example.test/v2/")]
        [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
        [InlineData("http://localhost:5080/", "http://localhost:5080/")]
        public void Base_uris_are_normalised_to_end_with_a_slash(string input, string expected) =>
            Assert.Equal(expected, ServiceConnection.NormaliseBaseUri(new Uri(input)).ToString());

        [Theory]
        [InlineData("http://api.example.test/")]
        [InlineData("ftp://127.0.0.1/")]
        [InlineData("https://user:pass@api.example.test/")]
        [InlineData("https://api.example.test/?key=1")]
        public void Insecure_or_odd_base_uris_are_refused(string input) =>
            Assert.Throws<LabelOpsException>(() => ServiceConnection.NormaliseBaseUri(new Uri(input)));

        [Theory]
        [InlineData("https://x.test/a.PNG")]
        [InlineData("http://x.test/dir/a.jpeg?sig=1")]
        [InlineData("https://x.test/a.pdf")]
        public void Job_file_urls_with_documented_extensions_pass(string url) =>
            Assert.Equal(new Uri(url).AbsoluteUri, HitlRules.RequireFileUrl(url, "FileUrl", HitlRules.JobFileExtensions));

        [Theory]
        [InlineData("https://x.test/a.docx")]
        [InlineData("https://x.test/a.gif")]
        [InlineData("/relative/a.png")]
        [InlineData("file:///c/a.png")]
        public void Job_file_urls_that_break_the_document_rules_fail(string url) =>
            Assert.Throws<LabelOpsException>(() => HitlRules.RequireFileUrl(url, "FileUrl", HitlRules.JobFileExtensions));

        [Fact]
        public void A_session_never_shows_its_key()
        {
            var session = LabelOps.Engine.Hitl.HitlConnection.Open(SecureStrings.FromPlainText("super-secret-key-123"), new Uri("https://api.example.test"));

            Assert.DoesNotContain("super-secret", session.ToString());
            foreach (var property in typeof(HitlSession).GetProperties())
            {
                Assert.DoesNotContain("super-secret", Convert.ToString(property.GetValue(session)) ?? string.Empty);
            }
        }
    }
}
