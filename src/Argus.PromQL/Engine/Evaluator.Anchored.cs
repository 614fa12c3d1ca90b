namespace Argus.PromQL.Engine;

/// <summary>
/// Range functions over <c>anchored</c> selectors (experimental, promql-extended-range-selectors).
/// Each window starts with its anchor sample (see <see cref="RangeData.Anchored"/>), so the change
/// across the window is exact and nothing is extrapolated: <c>increase(x[5m] anchored)</c> is
/// <c>x - x offset 5m</c> with counter resets taken into account.
/// </summary>
internal sealed partial class Evaluator
{
    private List<Series> EvalAnchoredRangeFunction(string name, RangeData data)
    {
        switch (name)
        {
            case "rate":
            case "increase":
                CounterInfo(data, name);
                return ApplyRange(data, (RangeWindow w, out double r) => AnchoredChange(w, isCounter: true, isRate: name == "rate", out r), true);
            case "delta":
                return ApplyRange(data, (RangeWindow w, out double r) => AnchoredChange(w, isCounter: false, isRate: false, out r), true);
            case "changes":
                return ApplyRange(data, (RangeWindow w, out double r) => CountTransitions(w, resets: false, out r), true);
            case "resets":
                return ApplyRange(data, (RangeWindow w, out double r) => CountTransitions(w, resets: true, out r), true);
            default:
                // The parser refuses anchored elsewhere; reaching this is a bug, not bad input.
                throw new PromqlException(ErrorType.Execution, $"anchored modifier can not be used with function \"{name}\"");
        }
    }

    /// <summary>Last minus first value, plus the value before every counter reset for counters;
    /// a rate divides by the whole range because the window is anchored at both ends.</summary>
    private static bool AnchoredChange(RangeWindow w, bool isCounter, bool isRate, out double result)
    {
        var value = isCounter ? WithCounterResets(w.F[^1] - w.F[0], w.F) : w.F[^1] - w.F[0];
        result = isRate ? value / (w.Range / 1000.0) : value;
        return true;
    }

    /// <summary>Adds back what counter resets took away, the value before every drop, one at a time
    /// onto <paramref name="change"/> (last - first) so the rounding matches Prometheus.</summary>
    private static double WithCounterResets(double change, ReadOnlySpan<double> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                change += values[i - 1];
            }
        }
        return change;
    }
}
