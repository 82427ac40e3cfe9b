using System;
using System.Management.Automation;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>Maps LabelOps failures to PowerShell error records: ErrorId "LabelOps.&lt;Reason&gt;", a matching category, the item as target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(Exception exception, object? target)
        {
            if (exception is LabelOpsException failure)
            {
                var record = new ErrorRecord(failure, "LabelOps." + failure.Reason, CategoryFor(failure.Reason), target);
                var action = RecommendedAction(failure);
                if (action != null)
                {
                    record.ErrorDetails = new ErrorDetails(failure.Message) { RecommendedAction = action };
                }
                return record;
            }
            return new ErrorRecord(exception, "LabelOps.UnexpectedError", ErrorCategory.NotSpecified, target);
        }

        public static ErrorCategory CategoryFor(ErrorReason reason)
        {
            switch (reason)
            {
                case ErrorReason.InvalidArgument: return ErrorCategory.InvalidArgument;
                case ErrorReason.Unauthorized: return ErrorCategory.AuthenticationError;
                case ErrorReason.Forbidden: return ErrorCategory.PermissionDenied;
                case ErrorReason.NotFound: return ErrorCategory.ObjectNotFound;
                case ErrorReason.Conflict: return ErrorCategory.ResourceExists;
                case ErrorReason.RateLimited: return ErrorCategory.LimitsExceeded;
                // The service answered, so the connection is fine: it is the service that cannot serve now.
                case ErrorReason.ServerError: return ErrorCategory.ResourceUnavailable;
                case ErrorReason.Timeout: return ErrorCategory.OperationTimeout;
                case ErrorReason.NetworkError: return ErrorCategory.ConnectionError;
                case ErrorReason.InvalidResponse: return ErrorCategory.InvalidResult;
                case ErrorReason.InvalidOperation: return ErrorCategory.InvalidOperation;
                case ErrorReason.NotConnected: return ErrorCategory.AuthenticationError;
                case ErrorReason.WaitTimeout: return ErrorCategory.OperationTimeout;
                default: return ErrorCategory.NotSpecified;
            }
        }

        private static string? RecommendedAction(LabelOpsException failure)
        {
            switch (failure.Reason)
            {
                case ErrorReason.Unauthorized: return "Check the API key, then run " + ConnectCommandFor(failure.Uri) + " again.";
                case ErrorReason.RateLimited: return "Lower the request rate (Connect-* -MaxRequestsPerMinute) or try again later.";
                default: return null;
            }
        }

        /// <summary>
        /// The Connect cmdlet of the service a request went to: every HITL path is under /v1/ and every Ango Hub path
        /// under /v2/ (both documents); both names when the request is not known.
        /// </summary>
        private static string ConnectCommandFor(Uri? uri)
        {
            var path = uri?.AbsolutePath ?? string.Empty;
            if (path.IndexOf("/v1/", StringComparison.Ordinal) >= 0) return "Connect-Hitl";
            if (path.IndexOf("/v2/", StringComparison.Ordinal) >= 0) return "Connect-Ango";
            return "Connect-Hitl or Connect-Ango";
        }
    }
}
