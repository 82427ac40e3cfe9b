using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Hitl;

/// <summary>One account's HITL projects and jobs. Thread-safe: every read and change happens under one lock.</summary>
public sealed class HitlStore
{
    private const string DefaultFileUrl = "https://example.test/image.png";
    private const string DefaultInstructionsUrl = "https://example.test/instructions.pdf";

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ProjectState> _projects = new(StringComparer.Ordinal);
    private readonly List<ProjectState> _projectOrder = new();

    public HitlStore()
        : this(TimeProvider.System)
    {
    }

    internal HitlStore(TimeProvider time) => _time = time;

    /// <summary>All jobs in all projects.</summary>
    public int JobCount
    {
        get
        {
            lock (_gate)
            {
                return _projectOrder.Sum(p => p.Jobs.Count);
            }
        }
    }

    /// <returns>The new project's id.</returns>
    /// <param name="projectId">The id to give it (the demo account's fixed one); a new random id when null.</param>
    public string AddProject(string name = "Project", string status = "active", string? instructionsFileUrl = null, string? projectId = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        HitlStatuses.RequireProjectStatus(status);
        var project = new HitlProjectRecord(projectId ?? Ids.NewId(), name, status, instructionsFileUrl ?? DefaultInstructionsUrl, Now());
        lock (_gate)
        {
            var state = new ProjectState(project);
            _projects.Add(project.Id, state);
            _projectOrder.Add(state);
        }

        return project.Id;
    }

    /// <param name="status">new, active or inactive.</param>
    public void SetProjectStatus(string projectId, string status)
    {
        HitlStatuses.RequireProjectStatus(status);
        lock (_gate)
        {
            GetProject(projectId).Project.Status = status;
        }
    }

    /// <returns>The status, or null when there is no such project.</returns>
    public string? GetProjectStatus(string projectId)
    {
        lock (_gate)
        {
            return _projects.TryGetValue(projectId, out var state) ? state.Project.Status : null;
        }
    }

    /// <summary>Adds a job without any of the API's validation; for arranging tests.</summary>
    public HitlJobRecord AddJob(string projectId, IEnumerable<string>? fileUrls = null, string status = "new")
    {
        HitlStatuses.RequireJobStatus(status);
        var urls = fileUrls?.ToList() ?? [DefaultFileUrl];
        lock (_gate)
        {
            var job = NewJob(GetProject(projectId), urls);
            if (status != HitlStatuses.New)
            {
                Transition(job, status, annotations: null, error: null, Now());
            }

            return job;
        }
    }

    /// <summary>
    /// Moves a job to a status as a worker or administrator would: start_date is set when the job enters
    /// progress (or done) without one, finish_date when it enters done, error, canceled or expired.
    /// A done job gets fake annotations unless <paramref name="annotations"/> are given.
    /// </summary>
    public HitlJobRecord SetJobStatus(string projectId, string jobId, string status, JsonObject? annotations = null, string? error = null)
    {
        HitlStatuses.RequireJobStatus(status);
        lock (_gate)
        {
            var job = GetProject(projectId).JobsById.TryGetValue(jobId, out var found)
                ? found
                : throw new KeyNotFoundException($"Project {projectId} has no job {jobId}.");
            Transition(job, status, annotations, error, Now());
            return job;
        }
    }

    /// <returns>The live record, or null when there is no such project or job.</returns>
    public HitlJobRecord? GetJob(string projectId, string jobId)
    {
        lock (_gate)
        {
            return FindJob(projectId, jobId);
        }
    }

    /// <returns>The project's live job records in creation order; empty when there is no such project.</returns>
    public IReadOnlyList<HitlJobRecord> GetJobs(string projectId)
    {
        lock (_gate)
        {
            return FindJobs(projectId)?.ToArray() ?? [];
        }
    }

    internal string CreateProject(string name, string instructionsFileUrl) =>
        AddProject(name, HitlStatuses.New, instructionsFileUrl);

    /// <returns>A copy of the new job, or null when the project is gone.</returns>
    internal HitlJobRecord? CreateJob(
        string projectId, List<string> fileUrls, JsonObject? predictions, string? webhookUrl, JsonObject? webhookHeaders, int? expirationMinutes)
    {
        lock (_gate)
        {
            if (!_projects.TryGetValue(projectId, out var state))
            {
                return null;
            }

            var job = NewJob(state, fileUrls);
            job.Predictions = predictions;
            job.WebhookUrl = webhookUrl;
            job.WebhookHeaders = webhookHeaders;
            job.ExpirationMinutes = expirationMinutes;
            return job.Clone();
        }
    }

    internal HitlJobRecord? FindJobSnapshot(string projectId, string jobId)
    {
        lock (_gate)
        {
            return FindJob(projectId, jobId)?.Clone();
        }
    }

    /// <returns>Copies of the project's jobs, or null when there is no such project.</returns>
    internal IReadOnlyList<HitlJobRecord>? ListJobSnapshots(string projectId)
    {
        lock (_gate)
        {
            return FindJobs(projectId)?.Select(j => j.Clone()).ToArray();
        }
    }

    internal (CancelOutcome Outcome, HitlJobRecord? Job) Cancel(string projectId, string jobId)
    {
        lock (_gate)
        {
            if (!_projects.ContainsKey(projectId))
            {
                return (CancelOutcome.ProjectNotFound, null);
            }

            var job = FindJob(projectId, jobId);
            if (job is null)
            {
                return (CancelOutcome.JobNotFound, null);
            }

            if (job.Status is not (HitlStatuses.New or HitlStatuses.Progress))
            {
                return (CancelOutcome.NotCancelable, job.Clone());
            }

            Transition(job, HitlStatuses.Canceled, annotations: null, error: null, Now());
            return (CancelOutcome.Canceled, job.Clone());
        }
    }

    internal IReadOnlyList<HitlProjectSnapshot> SnapshotProjects()
    {
        lock (_gate)
        {
            var now = Now();
            return _projectOrder
                .Select(p => new HitlProjectSnapshot(
                    p.Project.Id,
                    p.Project.Name,
                    p.Jobs.Select(j => ApplyExpiry(j, now).Clone()).ToArray()))
                .ToArray();
        }
    }

    /// <summary>Moves new jobs to progress, and progress jobs to done, once they have waited <paramref name="delay"/>.</summary>
    internal void AdvanceSimulatedWork(TimeSpan delay)
    {
        lock (_gate)
        {
            var now = Now();
            foreach (var job in _projectOrder.SelectMany(p => p.Jobs))
            {
                ApplyExpiry(job, now);
                if (job.Status == HitlStatuses.New && now - job.CreateDate >= delay)
                {
                    Transition(job, HitlStatuses.Progress, annotations: null, error: null, now);
                }
                else if (job.Status == HitlStatuses.Progress && now - (job.StartDate ?? job.CreateDate) >= delay)
                {
                    Transition(job, HitlStatuses.Done, annotations: null, error: null, now);
                }
            }
        }
    }

    private static void Transition(HitlJobRecord job, string status, JsonObject? annotations, string? error, DateTimeOffset now)
    {
        var previous = job.Status;
        job.Status = status;

        // A job cannot be finished without someone having started it, so done fills a missing start_date too.
        if (status is HitlStatuses.Progress or HitlStatuses.Done && job.StartDate is null)
        {
            job.StartDate = now;
        }

        if (!HitlStatuses.IsFinal(status))
        {
            job.FinishDate = null;
        }
        else if (previous != status || job.FinishDate is null)
        {
            job.FinishDate = now;
        }

        job.Annotations = annotations is not null
            ? (JsonObject)annotations.DeepClone()
            : status == HitlStatuses.Done ? job.Annotations ?? FakeAnnotations.For(job) : null;
        job.Error = status == HitlStatuses.Error ? error ?? "The job was stopped due to a problem" : null;
    }

    /// <summary>Expiry is evaluated lazily, whenever a job is read.</summary>
    private static HitlJobRecord ApplyExpiry(HitlJobRecord job, DateTimeOffset now)
    {
        if (job.Status == HitlStatuses.New && job.ExpirationMinutes is { } minutes)
        {
            var expiresAt = job.CreateDate.AddMinutes(minutes);
            if (now >= expiresAt)
            {
                job.Status = HitlStatuses.Expired;
                job.FinishDate = expiresAt;
            }
        }

        return job;
    }

    private HitlJobRecord NewJob(ProjectState state, List<string> fileUrls)
    {
        var job = new HitlJobRecord(state.Project.Id, Ids.NewId()) { CreateDate = Now(), FileUrls = fileUrls };
        state.Jobs.Add(job);
        state.JobsById.Add(job.JobId, job);
        return job;
    }

    private HitlJobRecord? FindJob(string projectId, string jobId) =>
        _projects.TryGetValue(projectId, out var state) && state.JobsById.TryGetValue(jobId, out var job)
            ? ApplyExpiry(job, Now())
            : null;

    private List<HitlJobRecord>? FindJobs(string projectId)
    {
        if (!_projects.TryGetValue(projectId, out var state))
        {
            return null;
        }

        var now = Now();
        state.Jobs.ForEach(j => ApplyExpiry(j, now));
        return state.Jobs;
    }

    private ProjectState GetProject(string projectId) =>
        _projects.TryGetValue(projectId, out var state) ? state : throw new KeyNotFoundException($"There is no project {projectId}.");

    /// <summary>Microsecond precision, as the service's dates have, so that dates survive a round trip.</summary>
    private DateTimeOffset Now()
    {
        var ticks = _time.GetUtcNow().UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    private sealed class ProjectState(HitlProjectRecord project)
    {
        public HitlProjectRecord Project { get; } = project;

        public List<HitlJobRecord> Jobs { get; } = new();

        public Dictionary<string, HitlJobRecord> JobsById { get; } = new(StringComparer.Ordinal);
    }
}
