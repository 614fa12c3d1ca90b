namespace Argus.PromQL.Testing;

/// <summary>An <c>eval instant</c> or <c>eval range</c> command with everything it expects.</summary>
public sealed record EvalCommand(int Line, string Expr, bool Range, long StartMs, long EndMs, long StepMs) : ScriptCommand(Line)
{
    public bool ExpectFail { get; set; }

    public string? FailMessage { get; set; }

    public string? FailRegex { get; set; }

    public bool Ordered { get; set; }

    public bool NoWarn { get; set; }

    public bool NoInfo { get; set; }

    /// <summary>Set by <c>eval_warn</c>/<c>eval_info</c>: at least one annotation of that kind.</summary>
    public bool AnyWarn { get; set; }

    public bool AnyInfo { get; set; }

    public List<AnnotationExpectation> Annotations { get; } = [];

    /// <summary>Set by <c>expect range vector from … to … step …</c>.</summary>
    public (long Start, long End, long Step)? RangeVector { get; set; }

    public string? ExpectedString { get; set; }

    public double? ExpectedScalar { get; set; }

    public List<ExpectedSeries> Expected { get; } = [];

    /// <summary>Whether the case touches native histograms (expected output or loaded data).</summary>
    public bool UsesHistograms { get; set; }
}
