using System;

namespace LabelOps
{
    /// <summary>
    /// Every failure LabelOps reports. Carries what a script needs to react (reason, HTTP status, method, URI) and
    /// the service's own message. It never carries the API key: URIs are built from paths and queries that never
    /// contain it, and the key only ever travels in a request header.
    /// </summary>
    public sealed class LabelOpsException : Exception
    {
        public LabelOpsException(ErrorReason reason, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Reason = reason;
        }

        public ErrorReason Reason { get; }

        /// <summary>The HTTP status code the service answered with, when there was an answer.</summary>
        public int? StatusCode { get; init; }

        public string? Method { get; init; }

        public Uri? Uri { get; init; }

        /// <summary>The message the service put in its error body, if any.</summary>
        public string? ServiceMessage { get; init; }

        /// <summary>How many attempts were made before giving up (1 when the call was not retried).</summary>
        public int Attempts { get; init; } = 1;

        public static LabelOpsException InvalidArgument(string message) => new LabelOpsException(ErrorReason.InvalidArgument, message);
    }
}
