using System;
using System.Net;
using System.Text;
using LabelOps.Engine;
using Xunit;

namespace LabelOps.Tests.Engine
{
    public sealed class ErrorTranslatorTests
    {
        private static ApiResponse Answer(int status, string body, string contentType = "application/json") =>
            new ApiResponse((HttpStatusCode)status, contentType, Encoding.UTF8.GetBytes(body), null);

        [Theory]
        [InlineData(400, ErrorReason.InvalidArgument)]
        [InlineData(422, ErrorReason.InvalidArgument)]
        [InlineData(401, ErrorReason.Unauthorized)]
        [InlineData(403, ErrorReason.Forbidden)]
        [InlineData(404, ErrorReason.NotFound)]
        [InlineData(409, ErrorReason.Conflict)]
        [InlineData(429, ErrorReason.RateLimited)]
        [InlineData(504, ErrorReason.Timeout)]
        [InlineData(500, ErrorReason.ServerError)]
        [InlineData(503, ErrorReason.ServerError)]
        public void Statuses_map_to_reasons(int status, ErrorReason reason) => Assert.Equal(reason, ErrorTranslator.ReasonFor(status));

        [Theory]
        [InlineData("{\"status\":\"fail\",\"message\":\"Project not found\"}", "Project not found")]
        [InlineData("{\"detail\":\"Job not found\"}", "Job not found")]
        [InlineData("{\"detail\":[{\"loc\":[\"body\",\"file_urls\"],\"msg\":\"field required\"}]}", "file_urls: field required")]
        [InlineData("{\"error\":\"nope\"}", "nope")]
        [InlineData("", "(empty body)")]
        [InlineData("{\"detail\":", "(unreadable JSON body)")]
        public void The_services_own_message_is_found_in_its_error_body(string body, string expected) =>
            Assert.Contains(expected, ErrorTranslator.ServiceMessage(Answer(404, body)));

        [Fact]
        public void An_HTML_page_is_summarised_not_copied()
        {
            var message = ErrorTranslator.ServiceMessage(Answer(502, "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>", "text/html"));

            Assert.Equal("BadGateway (HTML error page)", message);
        }

        [Fact]
        public void The_exception_carries_status_method_and_uri()
        {
            var failure = ErrorTranslator.FromResponse(Answer(404, "{\"detail\":\"Job not found\"}"), "GET", new Uri("https://api.example.test/v1/jobs/p/j"), attempts: 1);

            Assert.Equal(ErrorReason.NotFound, failure.Reason);
            Assert.Equal(404, failure.StatusCode);
            Assert.Equal("GET", failure.Method);
            Assert.Equal("/v1/jobs/p/j", failure.Uri!.AbsolutePath);
            Assert.Equal("GET /v1/jobs/p/j failed with HTTP 404: Job not found", failure.Message);
        }
    }
}
