using System;

namespace LabelOps.Emulator.Accounts;

/// <summary>
/// The account a new user tries LabelOps with (the standalone emulator and the main job make it): one key for
/// both services, an active HITL project whose jobs get done, and an Ango organisation with a project a week
/// into its work whose tasks keep moving through the workflow. The samples default to these names and key.
/// </summary>
public static class DemoAccount
{
    /// <summary>The key the standalone emulator gives its demo account unless --api-key says otherwise.</summary>
    public const string DefaultApiKey = "labelops-demo-key";

    /// <summary>The standalone emulator's address unless --urls says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public const string HitlProjectName = "Street scenes demo";

    /// <summary>
    /// The demo HITL project's id, fixed because the HITL API cannot list projects: a sample can only find the
    /// project by knowing its id.
    /// </summary>
    public const string HitlProjectId = "5f1e1d0c0b0a090807060504";

    public static DemoAccountData Create(EmulatorServer server, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var account = server.CreateAccount(apiKey ?? DefaultApiKey, simulateWorkers: true);
        var hitlProject = account.Hitl.AddProject(HitlProjectName, "active", projectId: HitlProjectId);
        var angoProject = account.Ango.AddDemoProject();
        account.Ango.SimulateWork(angoProject);
        return new DemoAccountData(account, hitlProject, angoProject);
    }
}
