namespace LabelOps.Emulator.Faults;

/// <summary>The kinds of fault a <see cref="FaultMix"/> injects.</summary>
public enum FaultKind
{
    RateLimitedWithRetryAfter,
    RateLimitedWithoutRetryAfter,
    ServerError,
    ConnectionReset,
    TruncatedBody,
    SlowResponse,
}
