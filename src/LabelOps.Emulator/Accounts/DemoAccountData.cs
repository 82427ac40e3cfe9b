namespace LabelOps.Emulator.Accounts;

/// <summary>The ids a user needs to try the demo account, printed by the emulator's start banner.</summary>
public sealed record DemoAccountData(EmulatorAccount Account, string HitlProjectId, string AngoProjectId);
