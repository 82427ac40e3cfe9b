using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;

namespace LabelOps.Engine.Ango
{
    internal sealed partial class AngoClient
    {
        /// <summary>
        /// GET /issues, streamed. The list is data.issue (singular) and reports no total, so paging stops at the
        /// first short page. The task filter is sent as labelTask, the issue's own name for it (assumption).
        /// </summary>
        public IAsyncEnumerable<AngoIssue> ListIssuesAsync(AngoIssueFilter filter, PageRange range, CancellationToken cancellationToken) =>
            ListAsync<AngoIssue>(
                () => ApiRequest.Get("issues")
                    .WithQuery("project", filter.ProjectId)
                    .WithQuery("labelTask", filter.TaskId)
                    .WithQuery("status", filter.Status)
                    .WithQuery("assignee", filter.Assignee)
                    .WithQuery("createdBy", filter.CreatedBy),
                "issue",
                null,
                range,
                null,
                cancellationToken);

        /// <summary>POST /issues. A create: never re-sent after an ambiguous failure, so an issue is not raised twice.</summary>
        public Task<AngoIssue> CreateIssueAsync(string taskId, string content, string? position, string? title, CancellationToken cancellationToken)
        {
            IdRules.Require(taskId, "TaskId");
            var body = new Dictionary<string, object?> { ["labelTask"] = taskId, ["content"] = content };
            if (position != null) body["position"] = position;
            if (title != null) body["title"] = title;
            var request = ApiRequest.Post("issues", RequestKind.Create).WithJsonBody(Body(body));
            return SendAsync(request, data => AngoEnvelope.Property<AngoIssue>(data, "issue"), cancellationToken);
        }

        /// <summary>DELETE /issues/{id}.</summary>
        public Task DeleteIssueAsync(string issueId, CancellationToken cancellationToken)
        {
            IdRules.Require(issueId, "IssueId");
            return SendAsync(ApiRequest.Delete(ApiRequest.PathOf("issues", issueId)), _ => true, cancellationToken);
        }

        /// <summary>Positions as the SDK sends them: Python's str() of a list of numbers, e.g. "[10, 20.5]".</summary>
        public static string FormatPosition(IEnumerable<double> numbers)
        {
            var parts = new List<string>();
            foreach (var n in numbers)
            {
                parts.Add(n == System.Math.Floor(n) && System.Math.Abs(n) < 1e15
                    ? ((long)n).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : n.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            return "[" + string.Join(", ", parts) + "]";
        }
    }
}
