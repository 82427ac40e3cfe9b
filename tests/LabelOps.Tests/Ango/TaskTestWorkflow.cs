using System.Text.Json.Nodes;
using LabelOps.Emulator;

namespace LabelOps.Tests.Ango
{
    /// <summary>A project with the workflow Start → Label → Review → Notify (Webhook) → Complete, as task tests need it.</summary>
    internal sealed class TaskTestWorkflow
    {
        public TaskTestWorkflow(AngoStore store, string name = "Tasks")
        {
            var stages = new JsonArray(
                Stage("st-start", "Start", "Start", "st-label"),
                Stage("st-label", "Label", "Label", "st-review"),
                Stage("st-review", "Review", "Review", "st-notify"),
                Stage("st-notify", "Notify", "Webhook", "st-complete"),
                Stage("st-complete", "Complete", "Complete"));
            ProjectId = store.AddProject(name, stages: stages);
        }

        public string ProjectId { get; }

        public const string Label = "st-label";
        public const string Review = "st-review";
        public const string Notify = "st-notify";
        public const string Complete = "st-complete";

        private static JsonObject Stage(string id, string name, string type, params string[] next)
        {
            var nextIds = new JsonArray();
            foreach (var n in next) nextIds.Add(n);
            return new JsonObject { ["id"] = id, ["name"] = name, ["type"] = type, ["next"] = nextIds };
        }
    }
}
