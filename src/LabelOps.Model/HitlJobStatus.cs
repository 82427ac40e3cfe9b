namespace LabelOps
{
    /// <summary>The job statuses the service documents.</summary>
    public static class HitlJobStatus
    {
        public const string New = "new";
        public const string Progress = "progress";
        public const string Done = "done";
        public const string Error = "error";
        public const string Canceled = "canceled";
        public const string Expired = "expired";

        public static readonly string[] All = { New, Progress, Done, Error, Canceled, Expired };

        public static bool IsFinal(string? status) =>
            status == Done || status == Error || status == Canceled || status == Expired;

        public static bool CanCancel(string? status) => status == New || status == Progress;
    }
}
