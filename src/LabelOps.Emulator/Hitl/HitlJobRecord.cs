using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Hitl;

/// <summary>
/// The server-side record of one HITL job. Mutable so that tests can arrange unusual states; the store
/// changes it under its lock, so prefer <see cref="HitlStore.SetJobStatus"/> while requests are in flight.
/// </summary>
public sealed class HitlJobRecord
{
    internal HitlJobRecord(string projectId, string jobId)
    {
        ProjectId = projectId;
        JobId = jobId;
    }

    public string ProjectId { get; }

    public string JobId { get; }

    /// <summary>new, progress, done, error, canceled or expired.</summary>
    public string Status { get; set; } = HitlStatuses.New;

    public DateTimeOffset CreateDate { get; set; }

    public DateTimeOffset? StartDate { get; set; }

    public DateTimeOffset? FinishDate { get; set; }

    public List<string> FileUrls { get; set; } = new();

    public JsonNode? Predictions { get; set; }

    public string? WebhookUrl { get; set; }

    public JsonObject? WebhookHeaders { get; set; }

    public int? ExpirationMinutes { get; set; }

    public JsonObject? Annotations { get; set; }

    public string? Error { get; set; }

    /// <summary>A deep copy, so that it can be read and serialised outside the store's lock.</summary>
    internal HitlJobRecord Clone() => new(ProjectId, JobId)
    {
        Status = Status,
        CreateDate = CreateDate,
        StartDate = StartDate,
        FinishDate = FinishDate,
        FileUrls = new List<string>(FileUrls),
        Predictions = Predictions?.DeepClone(),
        WebhookUrl = WebhookUrl,
        WebhookHeaders = (JsonObject?)WebhookHeaders?.DeepClone(),
        ExpirationMinutes = ExpirationMinutes,
        Annotations = (JsonObject?)Annotations?.DeepClone(),
        Error = Error,
    };
}
