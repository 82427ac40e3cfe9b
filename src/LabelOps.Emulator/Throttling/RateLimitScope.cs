namespace LabelOps.Emulator.Throttling;

/// <summary>Which services an account's rate limit counts.</summary>
public enum RateLimitScope
{
    Ango,
    Hitl,
    All,
}
