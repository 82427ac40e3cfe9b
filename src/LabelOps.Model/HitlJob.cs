using System;
using LabelOps.Wire;

namespace LabelOps
{
    /// <summary>A Humans in the Loop job: one labeling task and its result (PSTypeName LabelOps.HitlJob).</summary>
    public sealed class HitlJob
    {
        [WireRequired]
        public string ProjectId { get; set; } = string.Empty;

        [WireRequired]
        public string JobId { get; set; } = string.Empty;

        /// <summary>new, progress, done, error, canceled or expired (see <see cref="HitlJobStatus"/>).</summary>
        [WireRequired]
        public string Status { get; set; } = string.Empty;

        public DateTimeOffset? CreateDate { get; set; }

        public DateTimeOffset? StartDate { get; set; }

        public DateTimeOffset? FinishDate { get; set; }

        /// <summary>The result, shaped as the project instructions describe; dictionaries and arrays, so dot notation works.</summary>
        [Freeform]
        public object? Annotations { get; set; }

        /// <summary>The annotated image; fetching it needs the API key (Save-HitlJobFile).</summary>
        [WireName("image")]
        public string? ImageUrl { get; set; }

        public string? Error { get; set; }

        /// <summary>The file URLs that were submitted, when this object came from New-HitlJob (the service does not report them).</summary>
        [NotOnWire]
        public ValueList<string>? FileUrl { get; set; }

        [NotOnWire]
        public bool IsFinished => HitlJobStatus.IsFinal(Status);

        /// <summary>
        /// How long the job took: from when a worker started it, or (when the service did not report a start) from
        /// when it was created, to when it finished. Empty while the job is not finished. (A property of the class,
        /// not type data, so that it comes after the service's fields in Export-Csv and a second import of the
        /// module from another path finds no type data to clash with.)
        /// </summary>
        public TimeSpan? Duration => FinishDate.HasValue && (StartDate ?? CreateDate).HasValue ? FinishDate.Value - (StartDate ?? CreateDate)!.Value : (TimeSpan?)null;

        public override string ToString() => JobId;
    }
}
