namespace Argus.PromQL.Ast;

/// <summary>How the two sides of a vector/vector binary operation are matched.</summary>
public sealed class VectorMatching
{
    public MatchCardinality Cardinality { get; set; }

    /// <summary>The labels of <c>on(...)</c> or <c>ignoring(...)</c>.</summary>
    public IReadOnlyList<string> MatchingLabels { get; set; } = [];

    /// <summary>True for <c>on</c>, false for <c>ignoring</c> (or when neither is written).</summary>
    public bool On { get; set; }

    /// <summary>True when <c>on</c> or <c>ignoring</c> was written, so the printer keeps it.</summary>
    public bool Explicit { get; set; }

    /// <summary>The extra labels of <c>group_left(...)</c>/<c>group_right(...)</c>.</summary>
    public IReadOnlyList<string> Include { get; set; } = [];

    /// <summary>The value of <c>fill(...)</c>/<c>fill_left(...)</c>: stands in for a missing left-hand
    /// series when a right-hand series has no match (experimental), or null.</summary>
    public double? FillLeft { get; set; }

    /// <summary>The value of <c>fill(...)</c>/<c>fill_right(...)</c>: stands in for a missing right-hand
    /// series when a left-hand series has no match (experimental), or null.</summary>
    public double? FillRight { get; set; }

    public bool HasFill => FillLeft.HasValue || FillRight.HasValue;
}
