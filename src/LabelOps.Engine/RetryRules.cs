namespace LabelOps.Engine
{
    /// <summary>
    /// The one place that decides whether an attempt is repeated. Kept free of Polly types so the rules read
    /// as a table and are unit-tested directly; <see cref="ResiliencePipelineFactory"/> plugs them into Polly.
    /// </summary>
    internal static class RetryRules
    {
        public static bool ShouldRetryStatus(RequestKind kind, int status)
        {
            if (status == 429)
            {
                // A rate-limited request is rejected before the service acts on it, so even a create may be re-sent.
                return true;
            }
            if (status == 408 || status >= 500)
            {
                // The service may have acted before failing; repeating a create could make a duplicate.
                return kind != RequestKind.Create;
            }
            return false;
        }

        public static bool ShouldRetryFailure(RequestKind kind, AttemptFailure failure)
        {
            switch (failure)
            {
                case AttemptFailure.NotSent:
                    return true;
                case AttemptFailure.Ambiguous:
                    return kind != RequestKind.Create;
                default:
                    return false;
            }
        }
    }
}
