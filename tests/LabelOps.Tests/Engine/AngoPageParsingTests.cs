using System;
using System.Net;
using System.Text;
using System.Text.Json;
using LabelOps.Engine;
using LabelOps.Engine.Ango;
using Xunit;

namespace LabelOps.Tests.Engine
{
    /// <summary>The one-pass reader of a list page (AngoEnvelope.ReadPage) and the fast path of the timestamp converter.</summary>
    public sealed class AngoPageParsingTests
    {
        private static ApiResponse Answer(string json) =>
            new ApiResponse(HttpStatusCode.OK, "application/json", Encoding.UTF8.GetBytes(json), null, null);

        [Fact]
        public void A_page_gives_its_items_and_total_whatever_the_order_of_the_envelope_properties()
        {
            var page = AngoEnvelope.ReadPage<AngoTask>(Answer(
                "{\"data\":{\"tasks\":[{\"_id\":\"t1\",\"externalId\":\"a\",\"batches\":[\"b1\"],\"priority\":3,\"createdAt\":\"2026-12-01T10:00:00.000Z\",\"extra\":{\"x\":[1]}}," +
                "{\"_id\":\"t2\",\"updatedAt\":\"2026-12-01T12:00:00+02:00\"}],\"total\":1234,\"other\":[1,2]},\"status\":\"success\",\"more\":null}"),
                "tasks");

            Assert.Equal(1234, page.Total);
            Assert.Equal(new[] { "t1", "t2" }, new[] { page.Items[0].TaskId, page.Items[1].TaskId });
            Assert.Equal("a", page.Items[0].ExternalId);
            Assert.Equal(new[] { "b1" }, page.Items[0].Batches);
            Assert.Equal(3, page.Items[0].Priority);
            Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), page.Items[0].CreatedAt);
            Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), page.Items[1].UpdatedAt);
            Assert.Equal(TimeSpan.Zero, page.Items[1].UpdatedAt!.Value.Offset);
        }

        [Fact]
        public void A_failure_status_is_reported_with_the_service_message_even_after_the_data()
        {
            var error = Assert.Throws<LabelOpsException>(() => AngoEnvelope.ReadPage<AngoTask>(Answer("{\"data\":{\"tasks\":[]},\"message\":\"no such project\",\"status\":\"fail\"}"), "tasks"));

            Assert.Equal(ErrorReason.InvalidArgument, error.Reason);
            Assert.Equal("no such project", error.ServiceMessage);
        }

        [Theory]
        [InlineData("{\"status\":\"success\"}")]
        [InlineData("{\"status\":\"success\",\"data\":{\"total\":3}}")]
        [InlineData("[1]")]
        public void An_answer_without_the_item_list_is_not_the_JSON_expected(string json)
        {
            Assert.ThrowsAny<JsonException>(() => AngoEnvelope.ReadPage<AngoTask>(Answer(json), "tasks"));
        }

        [Theory]
        [InlineData("2026-12-01T10:00:00Z")]
        [InlineData("2026-12-01T10:00:00.123456Z")]
        [InlineData("2026-12-01T12:00:00+02:00")]
        [InlineData("2026-12-01T10:00:00")]       // no offset: taken as UTC, not local time
        [InlineData("2026-12-01T10:00:00.5")]
        [InlineData("2026-12-01 10:00:00")]
        public void Timestamps_read_the_same_through_the_fast_path_and_the_lenient_one(string text)
        {
            var task = JsonSerializer.Deserialize<AngoTask>("{\"_id\":\"t\",\"createdAt\":\"" + text + "\"}", LabelOps.Engine.Json.ServiceJson.Ango)!;

            var expected = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
            Assert.Equal(expected, task.CreatedAt);
            Assert.Equal(TimeSpan.Zero, task.CreatedAt!.Value.Offset);
        }
    }
}
