namespace Argus.PromQL.Ast;

public sealed class AggregateExpr(AggregateOp op, Expr inner, Expr? parameter, IReadOnlyList<string> grouping, bool without, bool groupingWritten) : Expr
{
    public AggregateOp Op { get; } = op;

    public Expr Inner { get; } = inner;

    /// <summary>The first argument of topk, bottomk, quantile, count_values, limitk, limit_ratio.</summary>
    public Expr? Parameter { get; } = parameter;

    public IReadOnlyList<string> Grouping { get; } = grouping;

    public bool Without { get; } = without;

    /// <summary>True when <c>by (...)</c>/<c>without (...)</c> was written (even empty), for printing.</summary>
    public bool GroupingWritten { get; } = groupingWritten;

    public override PromValueType Type => PromValueType.Vector;

    public override IEnumerable<Expr> Children => Parameter is null ? [Inner] : [Parameter, Inner];
}
