namespace LabelOps.Engine.Ango
{
    /// <summary>One project an invitee joins, and with which project role.</summary>
    internal sealed class AngoProjectAssignment
    {
        public string ProjectId { get; set; } = string.Empty;

        public string ProjectRole { get; set; } = string.Empty;
    }
}
