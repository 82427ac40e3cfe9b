using System;

namespace LabelOps.Engine.Hitl.Ledger
{
    internal sealed class HitlLedgerEntry
    {
        public HitlLedgerEntry(string key) => Key = key;

        public string Key { get; }

        public HitlLedgerState State { get; private set; }

        public string ProjectId { get; private set; } = string.Empty;

        public string? JobId { get; private set; }

        /// <summary>The first file URL the intent named (what the job's image is matched on).</summary>
        public string? FirstFileUrl { get; private set; }

        /// <summary>The earliest intent of the row: a job it made cannot be older than this (less the clock tolerance).</summary>
        public DateTimeOffset? FirstIntentAt { get; private set; }

        public void Apply(HitlLedgerRecord record)
        {
            if (!string.IsNullOrEmpty(record.ProjectId)) ProjectId = record.ProjectId;
            switch (record.State)
            {
                case HitlLedgerRecord.Done when !string.IsNullOrEmpty(record.JobId):
                    State = HitlLedgerState.Done;
                    JobId = record.JobId;
                    break;
                case HitlLedgerRecord.Failed when State != HitlLedgerState.Done:
                    State = HitlLedgerState.Failed;
                    break;
                case HitlLedgerRecord.Intent:
                    if (FirstIntentAt == null || record.At < FirstIntentAt) FirstIntentAt = record.At;
                    if (record.FileUrl != null && record.FileUrl.Count > 0) FirstFileUrl = record.FileUrl[0];
                    if (State != HitlLedgerState.Done) State = HitlLedgerState.InDoubt;
                    break;
            }
        }
    }
}
