namespace LabelOps.Engine.Hitl
{
    // Shapes of HITL answers that are not output objects themselves. Names map through ServiceJson.Hitl (snake_case).
    internal sealed class HitlHealthReply { public string? Status { get; set; } }
}
