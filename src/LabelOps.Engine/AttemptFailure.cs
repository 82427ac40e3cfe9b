namespace LabelOps.Engine
{
    /// <summary>What a failed attempt tells us about whether the service saw the request.</summary>
    internal enum AttemptFailure
    {
        /// <summary>The caller cancelled (Ctrl+C): never retried.</summary>
        Cancelled,

        /// <summary>The connection failed before the request left this machine: the service certainly did not process it.</summary>
        NotSent,

        /// <summary>The request may have been processed (timeout, reset after sending, unreadable answer).</summary>
        Ambiguous,

        /// <summary>Not a transport problem at all (a bug, a bad argument): never retried.</summary>
        Permanent,
    }
}
