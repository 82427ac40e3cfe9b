using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LabelOps.Engine;
using LabelOps.Engine.Json;

namespace LabelOps.Engine.Hitl
{
    /// <summary>
    /// Every call of the Humans in the Loop API v1, as typed .NET methods over a <see cref="HitlSession"/>.
    /// Cheap to create: it holds the session and the caller's observer, nothing else.
    /// </summary>
    internal sealed class HitlClient
    {
        private static readonly string[] GroupLevels = { "day", "week", "month", "year" };
        private readonly HitlSession _session;
        private readonly ServiceConnection _connection;
        private readonly IRequestObserver _observer;

        public HitlClient(HitlSession session, IRequestObserver? observer = null)
        {
            _session = session ?? throw new ArgumentNullException(nameof(session));
            _connection = ServiceConnection.Of(session);
            _observer = observer ?? NullRequestObserver.Instance;
        }

        public Task<string> GetHealthStatusAsync(CancellationToken cancellationToken) =>
            SendAsync(ApiRequest.Get("v1/health"), r => Parse<HitlHealthReply>(r).Status ?? string.Empty, cancellationToken);

        public async Task<HitlProject> CreateProjectAsync(string name, string instructionsFileUrl, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw LabelOpsException.InvalidArgument("Name is empty.");
            }
            var url = HitlRules.RequireFileUrl(instructionsFileUrl, "InstructionsFileUrl", HitlRules.InstructionsFileExtensions);
            var body = Serialize(new Dictionary<string, string> { ["name"] = name, ["instructions_file_url"] = url });
            var id = await SendAsync(ApiRequest.Post("v1/projects", RequestKind.Create).WithJsonBody(body), r => Parse<HitlProjectCreatedReply>(r).Id, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(id))
            {
                throw new LabelOpsException(ErrorReason.InvalidResponse, "The service created the project but returned no ID.");
            }
            _session.SeenProjects.Remember(id, name);
            return new HitlProject { ProjectId = id!, Status = "new", Name = name, InstructionsFileUrl = url };
        }

        public async Task<HitlProject> GetProjectAsync(string projectId, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var status = await SendAsync(ApiRequest.Get(ApiRequest.PathOf("v1/projects", projectId)), r => Parse<HitlProjectStatusReply>(r).Status, cancellationToken).ConfigureAwait(false);
            _session.SeenProjects.Remember(projectId);
            return new HitlProject { ProjectId = projectId, Status = status ?? string.Empty };
        }

        /// <summary>Validates the job against the document's rules, then creates it. Never re-sent after an ambiguous failure.</summary>
        public async Task<HitlJob> CreateJobAsync(HitlJobRequest job, CancellationToken cancellationToken)
        {
            var validated = Validate(job);
            var body = JsonSerializer.SerializeToUtf8Bytes(validated, ServiceJson.Hitl);
            var jobId = await SendAsync(ApiRequest.Post("v1/jobs", RequestKind.Create).WithJsonBody(body), r => Parse<HitlJobCreatedReply>(r).JobId, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(jobId))
            {
                throw new LabelOpsException(ErrorReason.InvalidResponse, "The service accepted the job but returned no job ID.");
            }
            _session.SeenProjects.Remember(validated.ProjectId);
            return new HitlJob { ProjectId = validated.ProjectId, JobId = jobId!, Status = HitlJobStatus.New, FileUrl = validated.FileUrls.ToArray() };
        }

        public static HitlJobRequest Validate(HitlJobRequest job)
        {
            IdRules.Require(job.ProjectId, "ProjectId");
            if (job.FileUrls == null || job.FileUrls.Count == 0)
            {
                throw LabelOpsException.InvalidArgument("A job needs at least one FileUrl.");
            }
            HitlRules.RequireExpiration(job.ExpirationMinutes);
            var webhook = job.WebhookUrl == null ? null : HitlRules.RequireHttpUrl(job.WebhookUrl, "WebhookUrl").AbsoluteUri;
            if (job.WebhookHeaders != null && job.WebhookHeaders.Count > 0 && webhook == null)
            {
                throw LabelOpsException.InvalidArgument("WebhookHeader was given without a WebhookUrl.");
            }
            return new HitlJobRequest
            {
                ProjectId = job.ProjectId,
                FileUrls = job.FileUrls.Select(u => HitlRules.RequireFileUrl(u, "FileUrl", HitlRules.JobFileExtensions)).ToList(),
                Predictions = job.Predictions,
                WebhookUrl = webhook,
                WebhookHeaders = job.WebhookHeaders,
                ExpirationMinutes = job.ExpirationMinutes,
            };
        }

        public async Task<HitlJob> GetJobAsync(string projectId, string jobId, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            IdRules.Require(jobId, "JobId");
            var job = await SendAsync(ApiRequest.Get(ApiRequest.PathOf("v1/jobs", projectId, jobId)), ParseJob, cancellationToken).ConfigureAwait(false);
            _session.SeenProjects.Remember(projectId);
            return job;
        }

        /// <summary>All jobs of a project, in one call to the bulk status endpoint.</summary>
        public async Task<IReadOnlyList<HitlJob>> GetJobsAsync(string projectId, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            var jobs = await SendAsync(ApiRequest.Get(ApiRequest.PathOf("v1/jobs", projectId)), ParseJobList, cancellationToken).ConfigureAwait(false);
            _session.SeenProjects.Remember(projectId);
            return jobs;
        }

        /// <summary>
        /// One call to the bulk status endpoint, read streaming: only the jobs in <paramref name="wanted"/> are built,
        /// the others are counted and skipped (see <see cref="HitlJobListReader"/>), so a 50,000-job project costs
        /// memory for the jobs waited for, not for the list. The reply's size and job count come back for
        /// <see cref="HitlWaitPlanner"/>.
        /// </summary>
        public async Task<HitlJobListRead> GetJobsAsync(string projectId, IReadOnlyCollection<string> wanted, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            if (wanted == null) throw new ArgumentNullException(nameof(wanted));
            HitlJobListRead? read = null;
            await _connection.DownloadAsync(
                ApiRequest.Get(ApiRequest.PathOf("v1/jobs", projectId)),
                async (stream, _, token) =>
                {
                    try
                    {
                        read = await HitlJobListReader.ReadAsync(stream, wanted, token).ConfigureAwait(false);
                    }
                    catch (JsonException exception)
                    {
                        // As SendAsync does for any answer it cannot read: a read is retried, then reported InvalidResponse.
                        throw new ResponseFormatException("The answer is not the JSON expected (" + exception.Message + ")", exception);
                    }
                },
                _observer,
                cancellationToken).ConfigureAwait(false);
            _session.SeenProjects.Remember(projectId);
            return read!;
        }

        /// <summary>The session's client-side request ceiling (-MaxRequestsPerMinute), null for none.</summary>
        public int? MaxRequestsPerMinute => _connection.Options.MaxRequestsPerMinute;

        /// <summary>
        /// Cancels a job. The document describes the reply as a list of status objects; a single object is accepted too.
        /// A job that cannot be cancelled is reported with its current status, found by asking the service.
        /// </summary>
        public async Task<HitlJob> CancelJobAsync(string projectId, string jobId, CancellationToken cancellationToken)
        {
            IdRules.Require(projectId, "ProjectId");
            IdRules.Require(jobId, "JobId");
            try
            {
                var jobs = await SendAsync(ApiRequest.Delete(ApiRequest.PathOf("v1/jobs", projectId, jobId)), ParseJobList, cancellationToken).ConfigureAwait(false);
                return jobs.FirstOrDefault(j => j.JobId == jobId) ?? jobs.FirstOrDefault() ?? new HitlJob { ProjectId = projectId, JobId = jobId, Status = HitlJobStatus.Canceled };
            }
            catch (LabelOpsException refused) when (refused.Reason == ErrorReason.InvalidArgument || refused.Reason == ErrorReason.Conflict)
            {
                var current = await GetJobAsync(projectId, jobId, cancellationToken).ConfigureAwait(false);
                if (current.Status == HitlJobStatus.Canceled && refused.Attempts > 1)
                {
                    return current; // An earlier attempt of this same call cancelled it before its answer was lost.
                }
                throw new LabelOpsException(
                    ErrorReason.InvalidOperation,
                    "Job " + jobId + " cannot be canceled: its status is '" + current.Status + "' (only new or progress jobs can be).",
                    refused)
                { StatusCode = refused.StatusCode, Method = refused.Method, Uri = refused.Uri, ServiceMessage = refused.ServiceMessage };
            }
        }

        public async Task<IReadOnlyList<HitlMetric>> GetMetricsAsync(DateTime? startDate, DateTime? endDate, string? groupBy, IEnumerable<string>? projectIds, CancellationToken cancellationToken)
        {
            var level = groupBy?.ToLowerInvariant();
            if (level != null && !GroupLevels.Contains(level))
            {
                throw LabelOpsException.InvalidArgument("GroupBy must be one of Day, Week, Month, Year; it was '" + groupBy + "'.");
            }
            // The service takes whole days (yyyy-MM-dd), and its end date is exclusive.
            if (startDate.HasValue && endDate.HasValue && endDate.Value.Date <= startDate.Value.Date)
            {
                throw LabelOpsException.InvalidArgument("EndDate must be at least one day after StartDate (the service counts whole days, end exclusive).");
            }
            var ids = projectIds?.Select(id => IdRules.Require(id, "ProjectId")).ToArray();
            var request = ApiRequest.Get("v1/metrics")
                .WithQuery("period_start_date", startDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .WithQuery("period_end_date", endDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .WithQuery("period_group_level", level)
                .WithQuery("project_ids", ids == null || ids.Length == 0 ? null : string.Join(",", ids));
            var projects = await SendAsync(request, Parse<List<HitlMetricsProjectReply>>, cancellationToken).ConfigureAwait(false);
            foreach (var project in projects)
            {
                _session.SeenProjects.Remember(project.ProjectId, project.ProjectName);
            }
            return projects.SelectMany(p => (p.Metrics ?? new List<HitlMetricsPeriodReply>()).Select(m => new HitlMetric
            {
                ProjectId = p.ProjectId ?? string.Empty,
                ProjectName = p.ProjectName,
                GroupBy = p.PeriodGroupLevel,
                PeriodStart = UtcDay(m.PeriodGroupStart),
                ReportStartDate = UtcDay(p.PeriodStartDate),
                ReportEndDate = UtcDay(p.PeriodEndDate),
                JobsAll = m.JobsAll,
                JobsDone = m.JobsDone,
                JobsNew = m.JobsNew,
                JobsProgress = m.JobsProgress,
                JobsError = m.JobsError,
                JobsExpired = m.JobsExpired,
                JobsCanceled = m.JobsCanceled,
                MinSecondsToFinishJob = m.MinSecondsToFinishJob,
                MaxSecondsToFinishJob = m.MaxSecondsToFinishJob,
                AvgSecondsToFinishJob = m.AvgSecondsToFinishJob,
                MinJobLifespanSeconds = m.MinJobLifespanSeconds,
                MaxJobLifespanSeconds = m.MaxJobLifespanSeconds,
                AvgJobLifespanSeconds = m.AvgJobLifespanSeconds,
            })).ToList();
        }

        public Task<IPAddress> GetEgressIpAsync(CancellationToken cancellationToken) =>
            SendAsync(ApiRequest.Get("v1/ip"), r =>
            {
                var text = Encoding.UTF8.GetString(r.Body).Trim().Trim('"');
                return IPAddress.TryParse(text, out var address) ? address : throw new JsonException("'" + text + "' is not an IP address.");
            }, cancellationToken);

        /// <summary>Streams a job's file. The key goes along only when the URL is on the API's own host.</summary>
        public Task DownloadFileAsync(Uri fileUrl, Func<Stream, long?, CancellationToken, Task> consume, CancellationToken cancellationToken) =>
            _connection.DownloadAsync(fileUrl, consume, _observer, cancellationToken);

        public static HitlJob ParseWebhookBody(string body)
        {
            try
            {
                return ParseJob(Encoding.UTF8.GetBytes(body));
            }
            catch (JsonException exception)
            {
                throw new LabelOpsException(ErrorReason.InvalidArgument, "The webhook body is not a HITL job status object: " + exception.Message, exception);
            }
        }

        private Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> parse, CancellationToken cancellationToken) =>
            _connection.SendAsync(request, parse, _observer, cancellationToken);

        private static T Parse<T>(ApiResponse response) =>
            JsonSerializer.Deserialize<T>(response.Body, ServiceJson.Hitl) ?? throw new JsonException("The answer was empty (null).");

        private static HitlJob ParseJob(ApiResponse response) => ParseJob(response.Body);

        private static HitlJob ParseJob(byte[] body)
        {
            var job = JsonSerializer.Deserialize<HitlJob>(body, ServiceJson.Hitl) ?? throw new JsonException("The answer was empty (null).");
            if (string.IsNullOrEmpty(job.JobId))
            {
                throw new JsonException("The job status object has no job_id.");
            }
            return job;
        }

        private static IReadOnlyList<HitlJob> ParseJobList(ApiResponse response)
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return new[] { document.RootElement.Deserialize<HitlJob>(ServiceJson.Hitl)! };
            }
            return document.RootElement.Deserialize<List<HitlJob>>(ServiceJson.Hitl) ?? new List<HitlJob>();
        }

        private static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, ServiceJson.Hitl);

        /// <summary>
        /// The service's ISO dates (no time) as midnight UTC, a DateTimeOffset like every other date LabelOps writes
        /// (see docs/assumptions.md: metrics are grouped by UTC day).
        /// </summary>
        private static DateTimeOffset? UtcDay(DateTime? date) =>
            date.HasValue ? new DateTimeOffset(DateTime.SpecifyKind(date.Value.Date, DateTimeKind.Utc)) : (DateTimeOffset?)null;
    }
}
