using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LabelOps.Emulator.Hitl;

/// <summary>The Metrics endpoint: job counts and durations per project and period group.</summary>
internal static class HitlMetrics
{
    private static readonly string[] Levels = ["day", "week", "month", "year"];

    internal sealed record Query(DateTimeOffset? Start, DateTimeOffset? End, string Level, IReadOnlyList<string>? ProjectIds);

    /// <returns>The query, or null with a message for a 400.</returns>
    public static Query? Parse(IQueryCollection query, out string? error)
    {
        error = null;
        var level = query["period_group_level"].ToString();
        if (level.Length == 0)
        {
            level = "month";
        }
        else if (!Levels.Contains(level))
        {
            error = $"Invalid period_group_level: {level} (expected day, week, month or year)";
            return null;
        }

        if (!TryParseDate(query, "period_start_date", out var start, out error)
            || !TryParseDate(query, "period_end_date", out var end, out error))
        {
            return null;
        }

        if (start >= end)
        {
            error = "period_start_date must be before period_end_date";
            return null;
        }

        var ids = query["project_ids"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new Query(start, end, level, ids.Length == 0 ? null : ids);
    }

    /// <summary>
    /// One entry per selected project. The document's example wraps the list in braces, which is not JSON;
    /// the text says a list, so a list it is. Unknown project ids select nothing rather than failing.
    /// </summary>
    public static JsonArray Compute(IReadOnlyList<HitlProjectSnapshot> projects, Query query)
    {
        var selected = query.ProjectIds is null
            ? projects
            : query.ProjectIds.Select(id => projects.FirstOrDefault(p => p.Id == id)).OfType<HitlProjectSnapshot>().ToList();

        var result = new JsonArray();
        foreach (var project in selected)
        {
            // The document selects and groups jobs by when they were "started", but a job nobody has picked up
            // has no start_date; the emulator uses create_date, which every job has.
            var jobs = project.Jobs
                .Where(j => (query.Start is null || j.CreateDate >= query.Start) && (query.End is null || j.CreateDate < query.End))
                .ToList();
            var groups = jobs
                .GroupBy(j => GroupStart(j.CreateDate, query.Level))
                .OrderBy(g => g.Key)
                .Select(g => (JsonNode)GroupMetrics(g.Key, g.ToList()));

            result.Add(new JsonObject
            {
                ["project_id"] = project.Id,
                ["project_name"] = project.Name,
                ["period_start_date"] = FormatDay(query.Start?.UtcDateTime ?? jobs.Select(j => j.CreateDate.UtcDateTime.Date).DefaultIfEmpty().Min()),
                ["period_end_date"] = FormatDay(query.End?.UtcDateTime ?? jobs.Select(j => j.CreateDate.UtcDateTime.Date.AddDays(1)).DefaultIfEmpty().Max()),
                ["period_group_level"] = query.Level,
                ["metrics"] = new JsonArray(groups.ToArray()),
            });
        }

        return result;
    }

    private static JsonObject GroupMetrics(DateTime groupStart, List<HitlJobRecord> jobs)
    {
        var done = jobs.Where(j => j.Status == HitlStatuses.Done && j.FinishDate is not null).ToList();
        var toFinish = done.Select(j => (j.FinishDate!.Value - (j.StartDate ?? j.CreateDate)).TotalSeconds).ToList();
        var lifespan = done.Select(j => (j.FinishDate!.Value - j.CreateDate).TotalSeconds).ToList();
        int Count(string status) => jobs.Count(j => j.Status == status);

        return new JsonObject
        {
            ["period_group_start"] = FormatDay(groupStart),
            ["jobs_all"] = jobs.Count,
            ["jobs_done"] = Count(HitlStatuses.Done),
            ["jobs_new"] = Count(HitlStatuses.New),
            ["jobs_progress"] = Count(HitlStatuses.Progress),
            ["jobs_error"] = Count(HitlStatuses.Error),
            ["jobs_expired"] = Count(HitlStatuses.Expired),
            ["jobs_canceled"] = Count(HitlStatuses.Canceled),
            ["min_seconds_to_finish_job"] = Seconds(toFinish, Enumerable.Min),
            ["min_job_lifespan_seconds"] = Seconds(lifespan, Enumerable.Min),
            ["max_seconds_to_finish_job"] = Seconds(toFinish, Enumerable.Max),
            ["max_job_lifespan_seconds"] = Seconds(lifespan, Enumerable.Max),
            ["avg_seconds_to_finish_job"] = Seconds(toFinish, Enumerable.Average),
            ["avg_job_lifespan_seconds"] = Seconds(lifespan, Enumerable.Average),
        };
    }

    /// <summary>Whole seconds, or null when the group has no done job to measure.</summary>
    private static JsonNode? Seconds(List<double> values, Func<IEnumerable<double>, double> aggregate) =>
        values.Count == 0 ? null : (int)aggregate(values);

    /// <summary>Start of the group a date falls in; weeks start on Monday.</summary>
    private static DateTime GroupStart(DateTimeOffset date, string level)
    {
        var day = date.UtcDateTime.Date;
        return level switch
        {
            "day" => day,
            "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            "month" => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => new DateTime(day.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
    }

    private static bool TryParseDate(IQueryCollection query, string name, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            value = moment;
            return true;
        }

        error = $"Invalid {name}: {text} (expected an ISO date such as 2023-01-01)";
        return false;
    }

    private static string? FormatDay(DateTime day) =>
        day == default ? null : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
