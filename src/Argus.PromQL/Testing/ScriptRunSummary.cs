namespace Argus.PromQL.Testing;

/// <summary>Pass/fail counts of a script run, split by whether the case touches native histograms.</summary>
public sealed class ScriptRunSummary
{
    public int FloatPassed { get; set; }

    public int FloatFailed { get; set; }

    public int HistogramPassed { get; set; }

    public int HistogramFailed { get; set; }

    public int Passed => FloatPassed + HistogramPassed;

    public int Failed => FloatFailed + HistogramFailed;

    /// <summary>One line per failed case: <c>file:line: expr: reason</c>.</summary>
    public List<string> Failures { get; } = [];

    public void Add(ScriptRunSummary other)
    {
        FloatPassed += other.FloatPassed;
        FloatFailed += other.FloatFailed;
        HistogramPassed += other.HistogramPassed;
        HistogramFailed += other.HistogramFailed;
        Failures.AddRange(other.Failures);
    }
}
