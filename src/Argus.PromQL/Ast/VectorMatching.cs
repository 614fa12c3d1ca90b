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
}
