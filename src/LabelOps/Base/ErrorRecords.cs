using System;
using System.Management.Automation;
using LabelOps.Engine;

namespace LabelOps.Base
{
    /// <summary>Maps LabelOps failures to PowerShell error records: ErrorId "LabelOps.&lt;Reason&gt;", a matching category, the item as target.</summary>
    public static class ErrorRecords
    {
        public static ErrorRecord From(Exception exception, object? target)
        {
            if (exception is LabelOpsException failure)
            {
                var record = new ErrorRecord(failure, "LabelOps." + failure.Reason, CategoryFor(failure.Reason), target);
                var action = RecommendedAction(failure.Reason);
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
                case ErrorReason.ServerError: return ErrorCategory.ConnectionError;
                case ErrorReason.Timeout: return ErrorCategory.OperationTimeout;
                case ErrorReason.NetworkError: return ErrorCategory.ConnectionError;
                case ErrorReason.InvalidResponse: return ErrorCategory.InvalidResult;
                case ErrorReason.InvalidOperation: return ErrorCategory.InvalidOperation;
                case ErrorReason.NotConnected: return ErrorCategory.AuthenticationError;
                case ErrorReason.WaitTimeout: return ErrorCategory.OperationTimeout;
                default: return ErrorCategory.NotSpecified;
            }
        }

        private static string? RecommendedAction(ErrorReason reason)
        {
            switch (reason)
            {
                case ErrorReason.Unauthorized: return "Check the API key, then run Connect-Hitl or Connect-Ango again.";
                case ErrorReason.RateLimited: return "Lower the request rate (Connect-* -MaxRequestsPerMinute) or try again later.";
                default: return null;
            }
        }
    }
}
