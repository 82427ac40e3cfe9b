namespace LabelOps.Engine.Hitl
{
    internal sealed class HitlProjectCreatedReply { public string? Id { get; set; } }
}
