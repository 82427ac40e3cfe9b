using System;
using System.Collections.Generic;

namespace LabelOps.Emulator.Hitl;

/// <summary>The status words of the HITL document.</summary>
internal static class HitlStatuses
{
    public const string New = "new";
    public const string Active = "active";
    public const string Inactive = "inactive";

    public const string Progress = "progress";
    public const string Done = "done";
    public const string Error = "error";
    public const string Canceled = "canceled";
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> ProjectStatuses = [New, Active, Inactive];

    public static readonly IReadOnlyList<string> JobStatuses = [New, Progress, Done, Error, Canceled, Expired];

    /// <summary>Statuses a job never leaves by itself, and that set its finish_date.</summary>
    public static bool IsFinal(string status) => status is Done or Error or Canceled or Expired;

    public static void RequireProjectStatus(string status, string paramName = "status") => Require(status, ProjectStatuses, paramName);

    public static void RequireJobStatus(string status, string paramName = "status") => Require(status, JobStatuses, paramName);

    private static void Require(string status, IReadOnlyList<string> allowed, string paramName)
    {
        ArgumentNullException.ThrowIfNull(status, paramName);
        if (!((ICollection<string>)allowed).Contains(status))
        {
            throw new ArgumentException($"'{status}' is not one of: {string.Join(", ", allowed)}.", paramName);
        }
    }
}
