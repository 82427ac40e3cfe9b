using System;
using System.Collections.Generic;

namespace LabelOps.Engine.Hitl.Ledger
{
    /// <summary>
    /// One line of a New-HitlJob ledger (JSON, one object per line). A row's lines, read in order, say where its
    /// create got to: <c>intent</c> (about to send; flushed before the request leaves), <c>done</c> (the service
    /// answered with a job id, or a re-run found the job), <c>failed</c> (the service certainly made nothing).
    /// </summary>
    internal sealed class HitlLedgerRecord
    {
        public const string Intent = "intent";
        public const string Done = "done";
        public const string Failed = "failed";

        /// <summary>intent, done or failed.</summary>
        public string State { get; set; } = string.Empty;

        /// <summary>The row key (<see cref="HitlRowKey"/>).</summary>
        public string Key { get; set; } = string.Empty;

        public string ProjectId { get; set; } = string.Empty;

        /// <summary>The row's file URLs, on intent lines, for a person reading the file.</summary>
        public IList<string>? FileUrl { get; set; }

        /// <summary>On done lines.</summary>
        public string? JobId { get; set; }

        /// <summary>On done lines written by a re-run that found the job on the service rather than in an answer.</summary>
        public bool? Recovered { get; set; }

        /// <summary>On failed lines: the ErrorReason.</summary>
        public string? Reason { get; set; }

        /// <summary>When the line was written (UTC, this machine's clock).</summary>
        public DateTimeOffset At { get; set; }
    }
}
