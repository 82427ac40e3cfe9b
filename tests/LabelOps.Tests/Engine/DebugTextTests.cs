using LabelOps.Engine;
using Xunit;

namespace LabelOps.Tests.Engine
{
    public sealed class DebugTextTests
    {
        [Fact]
        public void Secret_looking_properties_are_masked_at_any_depth_and_the_rest_is_kept()
        {
            var body = System.Text.Encoding.UTF8.GetBytes(
                "{\"project_id\":\"p1\",\"webhook_headers\":{\"X-Token\":\"abc\"},\"credentials\":{\"accessKeyId\":\"AKIA1\",\"secretAccessKey\":\"s3cr3t\"}," +
                "\"items\":[{\"password\":\"pw\",\"name\":\"n\"}],\"token\":null}");

            var text = DebugText.Redact(body);

            Assert.DoesNotContain("abc", text);
            Assert.DoesNotContain("AKIA1", text);
            Assert.DoesNotContain("s3cr3t", text);
            Assert.DoesNotContain("\"pw\"", text);
            Assert.Contains("\"project_id\":\"p1\"", text);
            Assert.Contains("\"name\":\"n\"", text);
            Assert.Contains("\"token\":null", text);
        }

        [Fact]
        public void A_body_that_is_not_JSON_is_shown_as_it_is() =>
            Assert.Equal("203.0.113.10", DebugText.Redact(System.Text.Encoding.UTF8.GetBytes("203.0.113.10")));
    }
}
