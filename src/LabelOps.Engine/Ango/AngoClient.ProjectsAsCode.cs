using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    // Projects as code: creating projects, their ontology and workflow, members, instructions, and the
    // project's statistics (performance and overview metrics).
    internal sealed partial class AngoClient
    {
        /// <summary>The overview metrics of the SDK's Metrics enum: the last segment of GET /{projectId}/overview/{metric}.</summary>
        public static readonly IReadOnlyList<string> OverviewMetrics = new[]
        {
            "LabelStageGroups", "TimePerTask", "AnnotationStatus", "AnswerDistribution", "ConsensusRanges", "AssetSize",
        };

        /// <summary>The project roles of the SDK's ProjectRoles enum.</summary>
        public static readonly IReadOnlyList<string> ProjectRoles = new[] { "Manager", "Lead", "Reviewer", "Labeler" };

        /// <summary>POST /project. A create: never re-sent after an ambiguous failure, so a retry cannot make two projects.</summary>
        public Task<AngoProject> CreateProjectAsync(string name, string? description, AngoCategorySchema? categorySchema, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw LabelOpsException.InvalidArgument("Name is empty.");
            }
            var body = new Dictionary<string, object?> { ["name"] = name, ["description"] = description ?? string.Empty };
            if (categorySchema != null)
            {
                body["categorySchema"] = categorySchema.ToServiceShape();
            }
            var request = ApiRequest.Post("project", RequestKind.Create).WithJsonBody(Body(body));
            return SendAsync(request, data => AngoEnvelope.Property<AngoProject>(data, "project"), cancellationToken);
        }

        /// <summary>The project's categorySchema, from GET /project/{id}.</summary>
        public Task<AngoCategorySchema> GetCategorySchemaAsync(string projectId, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            return SendAsync(ApiRequest.Get(ApiRequest.PathOf("project", projectId)), data => SchemaOf(data, projectId), cancellationToken);
        }

        /// <summary>POST /project/{id} {categorySchema}: replaces the whole ontology, so repeating it is harmless (idempotent).</summary>
        public Task<AngoCategorySchema> SetCategorySchemaAsync(string projectId, AngoCategorySchema schema, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var body = new Dictionary<string, object?> { ["categorySchema"] = schema.ToServiceShape() };
            var request = ApiRequest.Post(ApiRequest.PathOf("project", projectId), RequestKind.Idempotent).WithJsonBody(Body(body));
            return SendAsync(request, data => SchemaOf(data, projectId), cancellationToken);
        }

        /// <summary>The project's stages, from GET /project/{id}, each marked with the project id.</summary>
        public async Task<IReadOnlyList<AngoStage>> GetWorkflowAsync(string projectId, CancellationToken cancellationToken)
        {
            var project = await GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
            return WithProjectId(project.Stages, projectId);
        }

        /// <summary>POST /project/{id} {stages}: replaces the whole workflow (idempotent). The workflow is validated first; an invalid one is never sent.</summary>
        public Task<IReadOnlyList<AngoStage>> SetWorkflowAsync(string projectId, IReadOnlyList<AngoStage> stages, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            AngoWorkflowRules.Validate(stages);
            var body = new Dictionary<string, object?> { ["stages"] = stages };
            var request = ApiRequest.Post(ApiRequest.PathOf("project", projectId), RequestKind.Idempotent).WithJsonBody(Body(body));
            return SendAsync(request, data => WithProjectId(AngoEnvelope.Property<AngoProject>(data, "project").Stages, projectId), cancellationToken);
        }

        /// <summary>
        /// POST /project/{id}/assigned {assignees, role}, as the SDK's add_members_to_project sends it. Adding someone
        /// who is already a member with that role changes nothing, so the call is idempotent.
        /// </summary>
        public Task AddProjectMembersAsync(string projectId, IReadOnlyList<string> emails, string role, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            if (emails.Count == 0)
            {
                throw LabelOpsException.InvalidArgument("Email is empty.");
            }
            EmailRules.Require(emails);
            var knownRole = ProjectRoles.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase))
                ?? throw LabelOpsException.InvalidArgument("Role '" + role + "' is not one of " + string.Join(", ", ProjectRoles) + ".");
            var body = new Dictionary<string, object?> { ["assignees"] = emails.ToArray(), ["role"] = knownRole };
            var request = ApiRequest.Post(ApiRequest.PathOf("project", projectId, "assigned"), RequestKind.Idempotent).WithJsonBody(Body(body));
            return SendAsync(request, data => true, cancellationToken);
        }

        /// <summary>POST /project/{id}/instructions, multipart with the file in the field "file". Replaces the instructions (idempotent).</summary>
        public Task UploadInstructionsAsync(string projectId, string fileName, byte[] content, string contentType, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var request = ApiRequest.Post(ApiRequest.PathOf("project", projectId, "instructions"), RequestKind.Idempotent)
                .WithMultipart(new[] { MultipartPart.File("file", fileName, content, contentType) });
            return SendAsync(request, data => true, cancellationToken);
        }

        /// <summary>
        /// POST /performance/{projectId} {startDate, endDate, users} (the API reference's names). A POST that changes
        /// nothing, so it is retried like a read. Returns one typed row per element of the payload's list (per user).
        /// </summary>
        public Task<IReadOnlyList<AngoProjectPerformance>> GetProjectPerformanceAsync(
            string projectId, DateTimeOffset? startDate, DateTimeOffset? endDate, IReadOnlyList<string>? users, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            if (startDate.HasValue && endDate.HasValue && endDate.Value < startDate.Value)
            {
                throw LabelOpsException.InvalidArgument("EndDate is before StartDate.");
            }
            var body = new Dictionary<string, object?>();
            if (startDate.HasValue) body["startDate"] = FormatDate(startDate.Value);
            if (endDate.HasValue) body["endDate"] = FormatDate(endDate.Value);
            if (users != null && users.Count > 0) body["users"] = users.ToArray();
            var request = ApiRequest.Post(ApiRequest.PathOf("performance", projectId), RequestKind.Read).WithJsonBody(Body(body));
            return SendAsync(request, data => AngoStatistics.ToPerformance(projectId, AngoFlatRows.From(FreeformOf(data, "performance"))), cancellationToken);
        }

        /// <summary>GET /{projectId}/overview/{metric}, as typed rows (the metric spelled as the SDK enum does).</summary>
        public Task<IReadOnlyList<AngoMetric>> GetOverviewMetricAsync(string projectId, string metric, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var known = OverviewMetrics.FirstOrDefault(m => string.Equals(m, metric, StringComparison.OrdinalIgnoreCase))
                ?? throw LabelOpsException.InvalidArgument("Metric '" + metric + "' is not one of " + string.Join(", ", OverviewMetrics) + ".");
            var request = ApiRequest.Get(ApiRequest.PathOf(ApiRequest.EscapeSegment(projectId), "overview", known));
            return SendAsync(request, data => AngoStatistics.ToMetrics(projectId, known, AngoFlatRows.From(ReadFreeform(data))), cancellationToken);
        }

        private static AngoCategorySchema SchemaOf(JsonElement data, string projectId)
        {
            var project = AngoEnvelope.Property<JsonElement>(data, "project");
            var schema = project.ValueKind == JsonValueKind.Object && project.TryGetProperty("categorySchema", out var element) && element.ValueKind == JsonValueKind.Object
                ? element.Deserialize<AngoCategorySchema>(ServiceJson.Ango)!
                : new AngoCategorySchema();
            schema.Tools ??= Array.Empty<object>();
            schema.Classifications ??= Array.Empty<object>();
            schema.Relations ??= Array.Empty<object>();
            schema.ProjectId = projectId;
            return schema;
        }

        private static IReadOnlyList<AngoStage> WithProjectId(IReadOnlyList<AngoStage>? stages, string projectId)
        {
            var list = stages ?? Array.Empty<AngoStage>();
            foreach (var stage in list) stage.ProjectId = projectId;
            return list;
        }

        /// <summary>data.&lt;name&gt; as free-form values; when the property is absent, the whole data object.</summary>
        private static object? FreeformOf(JsonElement data, string name) =>
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) ? ReadFreeform(value) : ReadFreeform(data);

        private static object? ReadFreeform(JsonElement element)
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(element.GetRawText()));
            reader.Read();
            return FreeformJsonConverter.ReadValue(ref reader);
        }

        private static string FormatDate(DateTimeOffset date) =>
            date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
