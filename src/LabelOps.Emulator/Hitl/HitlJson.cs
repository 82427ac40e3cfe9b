using System;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Hitl;

/// <summary>The HITL wire format: snake_case objects and Python-style ISO dates.</summary>
internal static class HitlJson
{
    /// <summary>Like Python's json.dumps: no HTML-oriented escaping of '&amp;', '&lt;', '+' and the like.</summary>
    public static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Python's <c>datetime.isoformat()</c> of an aware UTC value, e.g. 2026-11-22T10:15:30.123456+00:00.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    public static string? FormatDate(DateTimeOffset? date) => date is { } value ? FormatDate(value) : null;

    /// <summary>The object the Job Status endpoint answers; "error" appears only for jobs in error.</summary>
    public static JsonObject StatusObject(HitlJobRecord job, Uri baseUri)
    {
        var status = new JsonObject
        {
            ["project_id"] = job.ProjectId,
            ["job_id"] = job.JobId,
            ["create_date"] = FormatDate(job.CreateDate),
            ["start_date"] = FormatDate(job.StartDate),
            ["finish_date"] = FormatDate(job.FinishDate),
            ["status"] = job.Status,
            ["annotations"] = job.Annotations?.DeepClone(),
            ["image"] = ImageUrl(job, baseUri),
        };
        if (job.Status == HitlStatuses.Error)
        {
            status["error"] = job.Error;
        }

        return status;
    }

    public static JsonArray StatusList(System.Collections.Generic.IEnumerable<HitlJobRecord> jobs, Uri baseUri)
    {
        var list = new JsonArray();
        foreach (var job in jobs)
        {
            list.Add(StatusObject(job, baseUri));
        }

        return list;
    }

    /// <summary>
    /// The document's "image": a key-protected URL on this server for the job's first file, whose last segment is
    /// that file's name. New-HitlJob -Ledger relies on that name to settle rows in doubt (docs/assumptions.md,
    /// "Restartable bulk creates"), so keep it.
    /// </summary>
    public static string? ImageUrl(HitlJobRecord job, Uri baseUri)
    {
        if (job.FileUrls.Count == 0)
        {
            return null;
        }

        var path = $"v1/files/{Uri.EscapeDataString(job.ProjectId)}/{Uri.EscapeDataString(job.JobId)}/{Uri.EscapeDataString(FileName(job.FileUrls[0]))}";
        return new Uri(baseUri, path).AbsoluteUri;
    }

    /// <summary>The last path segment of a file URL (unescaped), or "file" when it has none.</summary>
    public static string FileName(string fileUrl)
    {
        var path = Uri.TryCreate(fileUrl, UriKind.Absolute, out var uri) ? Uri.UnescapeDataString(uri.AbsolutePath) : fileUrl;
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name.Length == 0 ? "file" : name;
    }
}
