namespace LabelOps.Engine.Hitl
{
    internal sealed class HitlProjectStatusReply { public string? Status { get; set; } }
}
