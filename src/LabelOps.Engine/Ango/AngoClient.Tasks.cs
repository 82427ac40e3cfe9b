using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Ango
{
    // Tasks: listing and reading, assignment, requeue, stage history, webhook reruns and label import.
    // Where the API reference and the SDK disagree, the choice is made once, here, and written down in
    // docs/assumptions/ango-tasks.md.
    internal sealed partial class AngoClient
    {
        /// <summary>
        /// Task ids per POST /task/assign. The service documents no limit; 100 matches its page-size cap, keeps each
        /// body small, and bounds what one failed request leaves undone.
        /// </summary>
        public const int AssignBatchSize = 100;

        /// <summary>
        /// Label records per POST /import/labels. Answers can be large (polygons, brush traces); 100 keeps a body to
        /// a few megabytes and makes each chunk's summary line up with what was sent.
        /// </summary>
        public const int LabelImportChunkSize = 100;

        /// <summary>The body key of POST /import/labels: the SDK's "jsonContent" (the API page says "labels").</summary>
        public const string LabelImportArrayKey = "jsonContent";

        /// <summary>GET /project/{id}/tasks with the query's filters, streamed page by page.</summary>
        public IAsyncEnumerable<AngoTask> ListTasksAsync(string projectId, AngoTaskQuery query, string? sort, PageRange range, Action<long>? onTotal, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var path = ApiRequest.PathOf("project", projectId) + "/tasks";
            return DropUnrequestedAnswers(
                ListAsync<AngoTask>(() => WithTaskFilters(ApiRequest.Get(path), query), "tasks", sort, range, onTotal, cancellationToken),
                query.IncludeAnswer);
        }

        /// <summary>GET /task/{id}.</summary>
        public async Task<AngoTask> GetTaskAsync(string taskId, bool includeAnswer, CancellationToken cancellationToken)
        {
            IdRules.Require(taskId, "TaskId");
            var request = ApiRequest.Get(ApiRequest.PathOf("task", taskId)).WithQuery("includeAnswer", TaskFlag(includeAnswer));
            var task = await SendAsync(request, data => AngoEnvelope.Property<AngoTask>(data, "task"), cancellationToken).ConfigureAwait(false);
            if (!includeAnswer) task.Answer = null;
            return task;
        }

        /// <summary>POST /task/assign: assigns up to <see cref="AssignBatchSize"/> tasks of one stage to one user. Safe to repeat.</summary>
        public Task<object?> AssignTasksAsync(string projectId, IReadOnlyList<string> taskIds, string stageId, string email, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            IdRules.Require(stageId, "Stage");
            EmailRules.Require(new[] { email });
            if (taskIds.Count == 0 || taskIds.Count > AssignBatchSize)
            {
                throw LabelOpsException.InvalidArgument("One assignment takes 1 to " + AssignBatchSize + " task ids; it was given " + taskIds.Count + ".");
            }
            foreach (var id in taskIds) IdRules.Require(id, "TaskId");
            var body = new Dictionary<string, object> { ["project"] = projectId, ["tasks"] = taskIds, ["stage"] = stageId, ["user"] = email };
            var request = ApiRequest.Post("task/assign", RequestKind.Idempotent).WithJsonBody(Body(body));
            return SendAsync(request, ReadTaskFreeform, cancellationToken);
        }

        /// <summary>POST /project/{id}/requeueTasks. Safe to repeat (the same tasks end in the same stage).</summary>
        public Task<AngoTaskMoveResult> RequeueTasksAsync(string projectId, AngoRequeueRequest requeue, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            IdRules.Require(requeue.ToStageId, "ToStage");
            var filters = new Dictionary<string, object>();
            AddTaskFilter(filters, "taskIds", requeue.TaskIds);
            AddTaskFilter(filters, "externalIds", requeue.ExternalIds);
            AddTaskFilter(filters, "assetIds", requeue.AssetIds);
            AddTaskFilter(filters, "batches", requeue.BatchIds);
            AddTaskFilter(filters, "fromStageIds", requeue.FromStageIds);
            // The newer option names (removeAnnotations, removeAssignee, removeStageHistory), as the SDK sends them.
            var options = new Dictionary<string, object>
            {
                ["removeAnnotations"] = requeue.RemoveAnnotations,
                ["removeAssignee"] = requeue.RemoveAssignee,
                ["removeStageHistory"] = requeue.RemoveStageHistory,
            };
            var body = new Dictionary<string, object> { ["toStageId"] = requeue.ToStageId, ["filters"] = filters, ["options"] = options };
            var request = ApiRequest.Post(ApiRequest.PathOf("project", projectId) + "/requeueTasks", RequestKind.Idempotent).WithJsonBody(Body(body));
            return SendAsync(request, data => ReadRequeueResult(projectId, requeue.ToStageId, data), cancellationToken);
        }

        /// <summary>GET /task/{id}/history: the task's stage-history records.</summary>
        public Task<IReadOnlyList<AngoTaskHistory>> GetTaskHistoryAsync(string taskId, CancellationToken cancellationToken)
        {
            IdRules.Require(taskId, "TaskId");
            return SendAsync(ApiRequest.Get(ApiRequest.PathOf("task", taskId) + "/history"), ReadHistoryList, cancellationToken);
        }

        /// <summary>GET /taskHistory/{id}: one stage-history record.</summary>
        public Task<AngoTaskHistory> GetTaskHistoryEntryAsync(string historyId, CancellationToken cancellationToken)
        {
            IdRules.Require(historyId, "HistoryId");
            return SendAsync(ApiRequest.Get(ApiRequest.PathOf("taskHistory", historyId)), ReadHistoryEntry, cancellationToken);
        }

        /// <summary>
        /// POST /project/{id}/rerun-webhook {stageId}: sends the tasks of a webhook stage to its webhook again (the
        /// request the SDK's rerun_webhook makes). Not retried after an ambiguous failure: a rerun notifies a
        /// third party, and a duplicate notification is not harmless.
        /// </summary>
        public Task<object?> RerunWebhookAsync(string projectId, string stageId, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            IdRules.Require(stageId, "Stage");
            var body = new Dictionary<string, object> { ["stageId"] = stageId };
            var request = ApiRequest.Post(ApiRequest.PathOf("project", projectId) + "/rerun-webhook", RequestKind.Create).WithJsonBody(Body(body));
            return SendAsync(request, ReadTaskFreeform, cancellationToken);
        }

        /// <summary>
        /// POST /import/labels with one chunk of label records (at most <see cref="LabelImportChunkSize"/>). Returns the
        /// service's summary. Never re-sent after an ambiguous failure: the import may move tasks on.
        /// </summary>
        public Task<string?> ImportLabelsAsync(string projectId, IReadOnlyList<object?> labels, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            if (labels.Count == 0 || labels.Count > LabelImportChunkSize)
            {
                throw LabelOpsException.InvalidArgument("One label import takes 1 to " + LabelImportChunkSize + " records; it was given " + labels.Count + ".");
            }
            var body = new Dictionary<string, object> { ["project"] = projectId, [LabelImportArrayKey] = labels };
            var request = ApiRequest.Post("import/labels", RequestKind.Create).WithJsonBody(Body(body));
            return SendAsync(request, ReadImportSummary, cancellationToken);
        }

        /// <summary>
        /// The one place where task filters become query parameters, following the SDK's get_tasks:
        /// status[eq]=, stage=&lt;id&gt;, batches=&lt;JSON array of ids&gt;, assignee=&lt;email&gt;, includeAnswer=true|false.
        /// </summary>
        private static ApiRequest WithTaskFilters(ApiRequest request, AngoTaskQuery query)
        {
            request.WithQuery("includeAnswer", TaskFlag(query.IncludeAnswer));
            request.WithQuery("status[eq]", string.IsNullOrEmpty(query.Status) ? null : query.Status);
            request.WithQuery("stage", string.IsNullOrEmpty(query.StageId) ? null : query.StageId);
            if (query.BatchIds != null && query.BatchIds.Count > 0)
            {
                request.WithQuery("batches", JsonSerializer.Serialize(query.BatchIds));
            }
            request.WithQuery("assignee", string.IsNullOrEmpty(query.Assignee) ? null : query.Assignee);
            return request;
        }

        // The service is asked not to send answers; if it sends them anyway, they are dropped so that output does
        // not depend on whether the service honoured includeAnswer=false.
        private static async IAsyncEnumerable<AngoTask> DropUnrequestedAnswers(IAsyncEnumerable<AngoTask> tasks, bool includeAnswer)
        {
            await foreach (var task in tasks.ConfigureAwait(false))
            {
                if (!includeAnswer) task.Answer = null;
                yield return task;
            }
        }

        private static string TaskFlag(bool value) => value ? "true" : "false";

        private static void AddTaskFilter(Dictionary<string, object> target, string name, IReadOnlyList<string>? values)
        {
            if (values != null && values.Count > 0) target[name] = values;
        }

        private static object? ReadTaskFreeform(JsonElement data)
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(data.GetRawText()));
            reader.Read();
            return FreeformJsonConverter.ReadValue(ref reader);
        }

        /// <summary>data.modifiedCount{modified, toStageId} (the API reference); a bare number is accepted too.</summary>
        private static AngoTaskMoveResult ReadRequeueResult(string projectId, string toStageId, JsonElement data)
        {
            var result = new AngoTaskMoveResult { ProjectId = projectId, ToStageId = toStageId };
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("modifiedCount", out var count))
            {
                if (count.ValueKind == JsonValueKind.Number) result.Modified = count.GetInt64();
                else if (count.ValueKind == JsonValueKind.Object && count.TryGetProperty("modified", out var modified) && modified.ValueKind == JsonValueKind.Number)
                {
                    result.Modified = modified.GetInt64();
                }
            }
            return result;
        }

        // The answer's key for history is not documented; the SDK returns the body as it is. Accept data as an
        // array, or data.history / data.taskHistory / data.stageHistory.
        private static IReadOnlyList<AngoTaskHistory> ReadHistoryList(JsonElement data)
        {
            if (data.ValueKind == JsonValueKind.Array) return data.Deserialize<List<AngoTaskHistory>>(ServiceJson.Ango)!;
            foreach (var name in new[] { "history", "taskHistory", "stageHistory" })
            {
                if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    return list.Deserialize<List<AngoTaskHistory>>(ServiceJson.Ango)!;
                }
            }
            throw new JsonException("The answer's data has no list of task history records.");
        }

        private static AngoTaskHistory ReadHistoryEntry(JsonElement data)
        {
            foreach (var name in new[] { "taskHistory", "history" })
            {
                if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var entry) && entry.ValueKind == JsonValueKind.Object)
                {
                    return entry.Deserialize<AngoTaskHistory>(ServiceJson.Ango)!;
                }
            }
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("_id", out _)) return data.Deserialize<AngoTaskHistory>(ServiceJson.Ango)!;
            throw new JsonException("The answer's data has no task history record.");
        }

        /// <summary>data.project is a summary string such as "98 / 100 tasks are labeled." (API reference).</summary>
        private static string? ReadImportSummary(JsonElement data)
        {
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("project", out var project))
            {
                return project.ValueKind == JsonValueKind.String ? project.GetString() : project.GetRawText();
            }
            return data.ValueKind == JsonValueKind.String ? data.GetString() : data.GetRawText();
        }
    }
}
