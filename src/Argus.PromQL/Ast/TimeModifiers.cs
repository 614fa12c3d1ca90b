namespace Argus.PromQL.Ast;

/// <summary>The <c>offset</c> and <c>@</c> modifiers of a selector or subquery.</summary>
/// <param name="OffsetMs">Offset in milliseconds (negative allowed).</param>
/// <param name="At">Kind of <c>@</c> modifier.</param>
/// <param name="AtMs">The pinned timestamp in ms when <paramref name="At"/> is <see cref="AtModifier.Timestamp"/>.</param>
/// <param name="OffsetExpr">A duration expression written as the offset (experimental syntax), or null.</param>
public readonly record struct TimeModifiers(long OffsetMs, AtModifier At, long AtMs, Expr? OffsetExpr = null)
{
    public bool HasOffset => OffsetMs != 0;
}
