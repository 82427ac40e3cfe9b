namespace LabelOps
{
    /// <summary>Why a LabelOps operation failed. The PowerShell layer turns it into the ErrorId "LabelOps.&lt;Reason&gt;".</summary>
    public enum ErrorReason
    {
        InvalidArgument,
        Unauthorized,
        Forbidden,
        NotFound,
        Conflict,
        RateLimited,
        ServerError,
        Timeout,
        NetworkError,
        InvalidResponse,
        InvalidOperation,
        NotConnected,
        WaitTimeout,
    }
}
