namespace LabelOps.Engine.Hitl
{
    internal sealed class HitlJobCreatedReply { public string? JobId { get; set; } }
}
