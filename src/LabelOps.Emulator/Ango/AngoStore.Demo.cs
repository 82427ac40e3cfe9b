using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace LabelOps.Emulator.Ango;

// The demo account's Ango project: what a team a week into a street-scenes labeling job would have, so that a
// new user can try every read, export and metric at once. Its tasks keep moving (see AngoStore.SimulatedWork.cs).
public sealed partial class AngoStore
{
    public const string DemoProjectName = "Street scenes (Ango demo)";
    public const int DemoTaskCount = 300;

    /// <summary>The labelers, reviewer and lead of the demo project (organisation members too).</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string ProjectRole)> DemoTeam = new[]
    {
        ("ada@example.test", "Ada Lovelace", "Labeler"),
        ("grace@example.test", "Grace Hopper", "Labeler"),
        ("alan@example.test", "Alan Turing", "Labeler"),
        ("edsger@example.test", "Edsger Dijkstra", "Reviewer"),
        ("barbara@example.test", "Barbara Liskov", "Lead"),
    };

    /// <summary>
    /// Adds the demo project: workflow Start → Label → Review → Complete, a category schema (three box tools, a
    /// weather classification), three batches, <see cref="DemoTaskCount"/> assets and tasks (about a third
    /// Completed with annotations and history, some in Review, the rest waiting in Label), issues, a storage
    /// and the team as organisation and project members. Returns the project id; tasks move once
    /// <see cref="SimulateWork"/> is called for it.
    /// </summary>
    public string AddDemoProject()
    {
        var stageIds = Enumerable.Range(0, 4).Select(_ => Ids.NewId()).ToArray();
        var stages = new JsonArray(
            new JsonObject { ["id"] = stageIds[0], ["name"] = "Start", ["type"] = "Start", ["next"] = new JsonArray(stageIds[1]), ["autoForward"] = false, ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } },
            new JsonObject { ["id"] = stageIds[1], ["name"] = "Label", ["type"] = "Label", ["next"] = new JsonArray(stageIds[2]), ["assignedTo"] = new JsonArray(), ["position"] = new JsonObject { ["x"] = 300, ["y"] = 0 } },
            new JsonObject { ["id"] = stageIds[2], ["name"] = "Review", ["type"] = "Review", ["next"] = new JsonArray(stageIds[3], stageIds[1]), ["position"] = new JsonObject { ["x"] = 600, ["y"] = 0 } },
            new JsonObject { ["id"] = stageIds[3], ["name"] = "Complete", ["type"] = "Complete", ["next"] = new JsonArray(), ["position"] = new JsonObject { ["x"] = 900, ["y"] = 0 } });
        var schema = new JsonObject
        {
            ["tools"] = new JsonArray(
                Tool("car", "Car", "#e6194b"), Tool("pedestrian", "Pedestrian", "#3cb44b"), Tool("cyclist", "Cyclist", "#4363d8")),
            ["classifications"] = new JsonArray(new JsonObject
            {
                ["schemaId"] = "weather",
                ["title"] = "Weather",
                ["tool"] = "radio",
                ["required"] = true,
                ["options"] = new JsonArray(
                    new JsonObject { ["schemaId"] = "weather-clear", ["value"] = "Clear" },
                    new JsonObject { ["schemaId"] = "weather-rain", ["value"] = "Rain" },
                    new JsonObject { ["schemaId"] = "weather-fog", ["value"] = "Fog" }),
            }),
            ["relations"] = new JsonArray(),
        };
        var projectId = AddProject(DemoProjectName, "Boxes around cars, pedestrians and cyclists in dashcam frames; weather per frame.", schema, stages);

        foreach (var (email, name, _) in DemoTeam)
        {
            AddMember(email, "Member", name);
        }
        AddProjectMembers(projectId, new[] { "owner@example.test" }, "Manager");
        foreach (var role in new[] { "Lead", "Reviewer", "Labeler" })
        {
            AddProjectMembers(projectId, DemoTeam.Where(m => m.ProjectRole == role).Select(m => m.Email), role);
        }
        var city = DefineBatch(projectId, "Week 1 - city", "Downtown routes", "#f58231");
        var highway = DefineBatch(projectId, "Week 2 - highway", "Motorway routes", "#911eb4");
        var night = DefineBatch(projectId, "Night", "Frames after sunset", "#000075");
        AddStorage("Dashcam frames", "aws", "street-scenes-frames", "eu-west-1");

        var labelers = DemoTeam.Where(m => m.ProjectRole == "Labeler").Select(m => m.Email).ToArray();
        var reviewer = DemoTeam.First(m => m.ProjectRole == "Reviewer").Email;
        var start = _time.GetUtcNow().AddDays(-7);
        var taskIds = new List<string>(DemoTaskCount);
        for (var i = 0; i < DemoTaskCount; i++)
        {
            var batches = new List<string> { i < DemoTaskCount / 2 ? city : highway };
            if (i % 5 == 4) batches.Add(night);
            var camera = 1 + (i % 4);
            var name = string.Format(CultureInfo.InvariantCulture, "cam{0:00}_{1:000000}.jpg", camera, 100 + i);
            var wide = i % 3 != 0;
            var metadata = new JsonObject { ["width"] = wide ? 1920 : 1280, ["height"] = wide ? 1080 : 720 };
            taskIds.Add(AddAsset(projectId, name, null, batches, metadata).TaskId);
        }

        lock (_gate)
        {
            var project = FindProject(projectId)!;
            var perStep = TimeSpan.FromMinutes(7 * 24 * 60 / (double)DemoTaskCount);
            for (var i = 0; i < taskIds.Count; i++)
            {
                var task = FindTask(taskIds[i])!;
                var asset = _assets.First(a => (string?)a["_id"] == (string?)task["asset"]);
                var created = start + perStep * i;
                task["createdAt"] = AngoResults.FormatDate(created);
                task["updatedAt"] = task["createdAt"]!.DeepClone();
                asset["createdAt"] = task["createdAt"]!.DeepClone();
                var labeler = labelers[i % labelers.Length];
                if (i < 100)
                {
                    // Labeled, reviewed and completed, each step leaving a history record.
                    task["assignee"] = labeler;
                    task["answer"] = SimulatedAnswer(project, task);
                    task["duration"] = 20 + (StableNumber((string)task["_id"]!) % 70);
                    var labeled = AngoResults.FormatDate(created.AddMinutes(20));
                    RecordStageExit(project, task, labeled);
                    task["stage"] = stageIds[2];
                    task["assignee"] = reviewer;
                    var reviewed = AngoResults.FormatDate(created.AddMinutes(40));
                    RecordStageExit(project, task, reviewed);
                    task["assignee"] = labeler;
                    task["stage"] = stageIds[3];
                    task["status"] = "Completed";
                    task["completedAt"] = reviewed;
                    task["updatedAt"] = reviewed;
                }
                else if (i < 130)
                {
                    // Labeled, waiting for review.
                    task["assignee"] = labeler;
                    task["answer"] = SimulatedAnswer(project, task);
                    task["duration"] = 20 + (StableNumber((string)task["_id"]!) % 70);
                    var labeled = AngoResults.FormatDate(created.AddMinutes(20));
                    RecordStageExit(project, task, labeled);
                    task["stage"] = stageIds[2];
                    task["updatedAt"] = labeled;
                }
                task["priority"] = i % 10 == 0 ? 1 : 0;
            }
            project["assetCount"] = taskIds.Count;
        }

        AddIssue(taskIds[3], "Two cars overlap: one box or two?", "Open", labelers[0], reviewer, "Overlapping cars");
        AddIssue(taskIds[17], "Cyclist cut off at the frame edge", "Resolved", labelers[1], reviewer, "Partial cyclist");
        AddIssue(taskIds[42], "Is a person on a scooter a pedestrian?", "Open", "barbara@example.test", labelers[2], "Scooter");
        AddIssue(taskIds[110], "Weather looks like fog, labeled Clear", "Open", labelers[1], reviewer, "Weather");
        AddIssue(taskIds[205], "Frame is blurred, skip?", "Open", "barbara@example.test", labelers[0], "Blurred frame");
        return projectId;
    }

    private static JsonObject Tool(string schemaId, string title, string color) => new()
    {
        ["schemaId"] = schemaId,
        ["title"] = title,
        ["tool"] = "bounding-box",
        ["required"] = false,
        ["color"] = color,
        ["classifications"] = new JsonArray(),
        ["multiple"] = true,
    };
}
