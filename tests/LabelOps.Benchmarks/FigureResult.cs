using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LabelOps.Benchmarks;

/// <summary>One line of the results table: what was measured, against what baseline, and whether it was correct.</summary>
public sealed record FigureResult(
    string Figure,
    string Baseline,
    string Measured,
    string Ratio,
    string Target,
    bool? TargetMet,
    IReadOnlyList<Check> Checks,
    string? Note = null)
{
    public bool Correct => Checks.All(c => c.Passed);
}

/// <summary>A correctness check of a scenario (the smoke test asserts these; they do not depend on timing).</summary>
public sealed record Check(string What, bool Passed, string Detail)
{
    public static Check Equal<T>(string what, T expected, T actual) =>
        new(what, EqualityComparer<T>.Default.Equals(expected, actual), "expected " + expected + ", got " + actual);

    public static Check That(string what, bool passed, string detail) => new(what, passed, detail);
}

public static class ResultTable
{
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static void Write(TextWriter output, IReadOnlyList<FigureResult> results)
    {
        output.WriteLine("| Figure | Baseline (same run) | Measured | Ratio | Target | Met | Correct |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            var met = r.TargetMet switch { true => "yes", false => "**no**", null => "—" };
            static string Cell(string text) => text.Replace("|", "\\|"); // a pipeline in a cell must not split it
            output.WriteLine($"| {Cell(r.Figure)} | {Cell(r.Baseline)} | {Cell(r.Measured)} | {r.Ratio} | {r.Target} | {met} | {(r.Correct ? "yes" : "**no**")} |");
        }
        var notes = results.Where(r => r.Note is not null).ToList();
        if (notes.Count > 0)
        {
            output.WriteLine();
            foreach (var r in notes) output.WriteLine("- " + r.Figure + ": " + r.Note);
        }
        foreach (var failed in results.SelectMany(r => r.Checks.Where(c => !c.Passed).Select(c => (r.Figure, c))))
        {
            output.WriteLine("CHECK FAILED: " + failed.Figure + ": " + failed.c.What + " (" + failed.c.Detail + ")");
        }
    }
}
