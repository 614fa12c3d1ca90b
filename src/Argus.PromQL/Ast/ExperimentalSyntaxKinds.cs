namespace Argus.PromQL.Ast;

/// <summary>Experimental PromQL syntax that stays off unless its feature is enabled.</summary>
[Flags]
public enum ExperimentalSyntaxKinds
{
    None = 0,

    /// <summary><c>fill(v)</c>, <c>fill_left(v)</c>, <c>fill_right(v)</c> on a vector/vector binary operator.</summary>
    FillModifiers = 1,

    /// <summary>The <c>anchored</c> range selector modifier.</summary>
    AnchoredRanges = 2,
}
