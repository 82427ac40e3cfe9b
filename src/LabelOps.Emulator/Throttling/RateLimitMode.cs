namespace LabelOps.Emulator.Throttling;

/// <summary>How the rate limit counts: per fixed window (the default), or over the last window-length at every request.</summary>
public enum RateLimitMode
{
    /// <summary>The window starts at the first request counted and restarts when it is over; Reset is the time left in it.</summary>
    Fixed,

    /// <summary>
    /// At most the limit in any window-length span: a request is refused while the limit's worth of requests were
    /// counted in the last window-length. Remaining is what is left of that span; Reset (and Retry-After on a 429)
    /// the time until the oldest of them leaves it.
    /// </summary>
    Sliding,
}
