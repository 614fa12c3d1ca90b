using System.Collections.Frozen;

namespace Argus.PromQL.Ast;

/// <summary>Names and parameter facts of aggregation operators.</summary>
public static class AggregateOps
{
    private static readonly FrozenDictionary<string, AggregateOp> ByName = new Dictionary<string, AggregateOp>
    {
        ["sum"] = AggregateOp.Sum,
        ["avg"] = AggregateOp.Avg,
        ["count"] = AggregateOp.Count,
        ["min"] = AggregateOp.Min,
        ["max"] = AggregateOp.Max,
        ["group"] = AggregateOp.Group,
        ["stddev"] = AggregateOp.Stddev,
        ["stdvar"] = AggregateOp.Stdvar,
        ["topk"] = AggregateOp.Topk,
        ["bottomk"] = AggregateOp.Bottomk,
        ["count_values"] = AggregateOp.CountValues,
        ["quantile"] = AggregateOp.Quantile,
        ["limitk"] = AggregateOp.Limitk,
        ["limit_ratio"] = AggregateOp.LimitRatio,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryParse(string name, out AggregateOp op) => ByName.TryGetValue(name, out op);

    public static string Name(AggregateOp op) => op switch
    {
        AggregateOp.Sum => "sum",
        AggregateOp.Avg => "avg",
        AggregateOp.Count => "count",
        AggregateOp.Min => "min",
        AggregateOp.Max => "max",
        AggregateOp.Group => "group",
        AggregateOp.Stddev => "stddev",
        AggregateOp.Stdvar => "stdvar",
        AggregateOp.Topk => "topk",
        AggregateOp.Bottomk => "bottomk",
        AggregateOp.CountValues => "count_values",
        AggregateOp.Quantile => "quantile",
        AggregateOp.Limitk => "limitk",
        _ => "limit_ratio",
    };

    public static bool HasParameter(AggregateOp op) =>
        op is AggregateOp.Topk or AggregateOp.Bottomk or AggregateOp.CountValues or AggregateOp.Quantile or AggregateOp.Limitk or AggregateOp.LimitRatio;
}
