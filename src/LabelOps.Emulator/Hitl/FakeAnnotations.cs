using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Hitl;

/// <summary>What the emulated human workers hand back when nobody says otherwise.</summary>
internal static class FakeAnnotations
{
    public static JsonObject For(HitlJobRecord job)
    {
        // Predictions are sent so that workers verify and correct them; "verified unchanged" is a plausible result.
        if (job.Predictions is JsonObject predictions)
        {
            return (JsonObject)predictions.DeepClone();
        }

        return new JsonObject
        {
            ["labels"] = new JsonArray(
                new JsonObject
                {
                    ["label"] = "object",
                    ["type"] = "bbox",
                    ["x"] = 10,
                    ["y"] = 20,
                    ["width"] = 100,
                    ["height"] = 80,
                }),
            ["comment"] = "Annotated by the LabelOps emulator",
        };
    }
}
