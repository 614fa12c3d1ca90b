using System.Collections.Frozen;

namespace Argus.PromQL.Ast;

/// <summary>The signatures of every PromQL function the parser knows.</summary>
public static class Functions
{
    private const PromValueType S = PromValueType.Scalar;
    private const PromValueType V = PromValueType.Vector;
    private const PromValueType M = PromValueType.Matrix;
    private const PromValueType Str = PromValueType.String;

    private static readonly FrozenDictionary<string, FunctionInfo> All = Build();

    public static bool TryGet(string name, out FunctionInfo info) => All.TryGetValue(name, out info!);

    public static IEnumerable<FunctionInfo> List => All.Values;

    private static FrozenDictionary<string, FunctionInfo> Build()
    {
        var list = new List<FunctionInfo>();
        void Add(string name, PromValueType[] args, PromValueType ret, int variadic = 0, bool experimental = false) =>
            list.Add(new FunctionInfo(name, args, variadic, ret, experimental));

        foreach (var name in new[]
        {
            "abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "deg", "rad",
            "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
            "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar", "timestamp",
        })
        {
            Add(name, [V], V);
        }
        foreach (var name in new[] { "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year" })
        {
            Add(name, [V], V, variadic: 1);
        }
        foreach (var name in new[]
        {
            "avg_over_time", "count_over_time", "last_over_time", "max_over_time", "min_over_time", "present_over_time",
            "stddev_over_time", "stdvar_over_time", "sum_over_time", "absent_over_time", "changes", "resets",
            "delta", "deriv", "idelta", "increase", "irate", "rate",
        })
        {
            Add(name, [M], V);
        }
        foreach (var name in new[]
        {
            "mad_over_time", "first_over_time", "ts_of_first_over_time", "ts_of_last_over_time",
            "ts_of_max_over_time", "ts_of_min_over_time",
        })
        {
            Add(name, [M], V, experimental: true);
        }
        Add("absent", [V], V);
        Add("clamp", [V, S, S], V);
        Add("clamp_max", [V, S], V);
        Add("clamp_min", [V, S], V);
        Add("double_exponential_smoothing", [M, S, S], V, experimental: true);
        Add("histogram_fraction", [S, S, V], V);
        Add("histogram_quantile", [S, V], V);
        Add("histogram_quantiles", [V, Str, S], V, variadic: -1, experimental: true);
        Add("label_join", [V, Str, Str, Str], V, variadic: -1);
        Add("label_replace", [V, Str, Str, Str, Str], V);
        Add("pi", [], S);
        Add("predict_linear", [M, S], V);
        Add("quantile_over_time", [S, M], V);
        Add("round", [V, S], V, variadic: 1);
        Add("scalar", [V], S);
        Add("sort", [V], V);
        Add("sort_desc", [V], V);
        Add("sort_by_label", [V, Str], V, variadic: -1, experimental: true);
        Add("sort_by_label_desc", [V, Str], V, variadic: -1, experimental: true);
        Add("time", [], S);
        Add("info", [V, V], V, variadic: 1, experimental: true);
        Add("step", [], S, experimental: true);
        Add("range", [], S, experimental: true);
        Add("start", [], S, experimental: true);
        Add("end", [], S, experimental: true);
        Add("min_of", [S, S], S, experimental: true);
        Add("max_of", [S, S], S, experimental: true);
        Add("vector", [S], V);
        return list.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }
}
