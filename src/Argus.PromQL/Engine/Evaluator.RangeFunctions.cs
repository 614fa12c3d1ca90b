using Argus.Model.Formatting;
using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>Functions over range vectors (rate, *_over_time, ...): windows slide over each series.</summary>
internal sealed partial class Evaluator
{
    /// <summary>From this many series on, a range function runs on all cores: the windows of different series
    /// are independent, and a dashboard's rate over thousands of series otherwise leaves the other cores idle.</summary>
    private const int ParallelRangeSeries = 1024;

    /// <summary>Applies <paramref name="kernel"/> to every series' window at every step (and
    /// <paramref name="histogramKernel"/> to windows holding histograms). Float kernels only read their window,
    /// so float series are split between cores when there are enough of them; the output keeps input order.</summary>
    private List<Series> ApplyRange(RangeData data, RangeKernel kernel, bool dropName, HistogramRangeKernel? histogramKernel = null)
    {
        var input = data.Series;
        var results = new Series?[input.Count];
        long produced = 0;
        // Histogram windows may add annotations to the query's shared context: such input stays on one thread.
        var parallel = input.Count >= ParallelRangeSeries && !input.Exists(static s => s.HasHistograms);
        var workers = parallel ? Math.Min(Environment.ProcessorCount, 8) : 1;
        RunPartitioned(workers, input.Count, (from, to) =>
        {
            var scratch = new FPoint[_steps];
            long points = 0;
            for (var s = from; s < to; s++)
            {
                var series = input[s];
                if (series.HasHistograms)
                {
                    if (ApplyRangeWithHistograms(data, series, kernel, histogramKernel) is { } withHistograms)
                    {
                        if (dropName)
                        {
                            DropNameOf(withHistograms);
                        }
                        results[s] = withHistograms;
                    }
                    continue;
                }
                results[s] = ApplyRangeTo(data, series, kernel, dropName, scratch, ref points);
            }
            Interlocked.Add(ref produced, points);
        });
        _ctx.AddSamples(produced);
        var output = new List<Series>(input.Count);
        foreach (var series in results)
        {
            if (series is not null)
            {
                output.Add(series);
            }
        }
        return output;
    }

    /// <summary>Runs <paramref name="body"/> over [0, <paramref name="count"/>) cut into <paramref name="workers"/>
    /// contiguous parts, on the calling thread alone when there is one. An error in any part is rethrown as
    /// itself (not wrapped), so query errors and timeouts surface as they do single-threaded.</summary>
    private static void RunPartitioned(int workers, int count, Action<int, int> body)
    {
        if (workers <= 1)
        {
            body(0, count);
            return;
        }
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
                body((int)((long)count * w / workers), (int)((long)count * (w + 1) / workers)));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>The points <paramref name="kernel"/> yields for one series, or null when it yields none.</summary>
    private Series? ApplyRangeTo(RangeData data, RawSeries s, RangeKernel kernel, bool dropName, FPoint[] scratch, ref long points)
    {
        var st = s.T;
        var sf = s.F;
        var count = 0;
        int lo = 0, hi = 0;
        var lastEnd = long.MinValue;
        for (var i = 0; i < _steps; i++)
        {
            if ((i & 255) == 0)
            {
                _ctx.CheckCancelled();
            }
            var end = data.WindowEnds[i];
            var start = end - data.RangeMs;
            if (end < lastEnd)
            {
                lo = 0;
                hi = 0;
            }
            lastEnd = end;
            while (lo < st.Length && st[lo] <= start)
            {
                lo++;
            }
            if (hi < lo)
            {
                hi = lo;
            }
            while (hi < st.Length && st[hi] <= end)
            {
                hi++;
            }
            if (hi - lo > _ctx.Options.MaxSamples)
            {
                throw new PromqlException(ErrorType.Execution, "query processing would load too many samples into memory in query execution");
            }
            // The anchor is the real sample before the window; without one the first sample inside
            // stands at the start, which adds no change, so the window simply starts there.
            var from = data.Anchored && lo > 0 && st[lo - 1] > start - data.LookbackMs ? lo - 1 : lo;
            var window = new RangeWindow(st.Slice(from, hi - from), sf.Slice(from, hi - from), end, data.RangeMs, StepTime(i), i);
            if (hi > lo && kernel(window, out var value))
            {
                scratch[count++] = new FPoint(StepTime(i), value);
            }
        }
        if (count == 0)
        {
            return null;
        }
        points += count;
        var series = new Series(s.Metric, ExactList(scratch.AsSpan(0, count)), s.DropName);
        // A scalar argument evaluated inside the function may have cleared the flag: then the name
        // is dropped as usual, which is always correct.
        if (dropName && !_keepNameOfRangeResult)
        {
            DropNameOf(series);
        }
        return series;
    }

    private List<Series> EvalRangeFunction(Call c, RangeData data)
    {
        var name = c.Function.Name;
        if (data.Anchored)
        {
            return EvalAnchoredRangeFunction(name, data);
        }
        switch (name)
        {
            case "rate":
            case "increase":
                CounterInfo(data, name);
                return ApplyRange(data, (RangeWindow w, out double r) => ExtrapolatedRate(w, isCounter: true, isRate: name == "rate", out r), true,
                    HistogramRateKernel(isCounter: true, isRate: name == "rate"));
            case "delta":
                return ApplyRange(data, (RangeWindow w, out double r) => ExtrapolatedRate(w, isCounter: false, isRate: false, out r), true,
                    HistogramRateKernel(isCounter: false, isRate: false));
            case "irate":
            case "idelta":
                {
                    RangeKernel instant = (RangeWindow w, out double r) => InstantValue(w, name == "irate", out r);
                    return ApplyRange(data, instant, true, HistogramInstantKernel(name == "irate", instant));
                }
            case "deriv":
                return ApplyRange(data, Deriv, true);
            case "predict_linear":
                {
                    var duration = EvalScalar(c.Args[1]);
                    return ApplyRange(data, (RangeWindow w, out double r) => PredictLinear(w, duration[w.Step], out r), true);
                }
            case "avg_over_time":
                return ApplyRange(data, AvgOverTime, true, HistogramSumKernel(average: true));
            case "sum_over_time":
                return ApplyRange(data, SumOverTime, true, HistogramSumKernel(average: false));
            case "count_over_time":
                return ApplyRange(data, (RangeWindow w, out double r) => { r = w.Count; return true; }, true, SampleKernel(name));
            case "last_over_time":
                return ApplyRange(data, (RangeWindow w, out double r) => { r = w.F[^1]; return true; }, false, SampleKernel(name));
            case "first_over_time":
                return ApplyRange(data, (RangeWindow w, out double r) => { r = w.F[0]; return true; }, false, SampleKernel(name));
            case "ts_of_last_over_time":
                return ApplyRange(data, (RangeWindow w, out double r) => { r = w.T[^1] / 1000.0; return true; }, true, SampleKernel(name));
            case "ts_of_first_over_time":
                return ApplyRange(data, (RangeWindow w, out double r) => { r = w.T[0] / 1000.0; return true; }, true, SampleKernel(name));
            case "max_over_time":
            case "min_over_time":
            case "ts_of_max_over_time":
            case "ts_of_min_over_time":
                {
                    var max = name.Contains("max", StringComparison.Ordinal);
                    var ts = name.StartsWith("ts_", StringComparison.Ordinal);
                    return ApplyRange(data, (RangeWindow w, out double r) => ExtremeOverTime(w, max, ts, out r), true);
                }
            case "present_over_time":
                return ApplyRange(data, (RangeWindow w, out double r) => { r = 1; return true; }, true, SampleKernel(name));
            case "stddev_over_time":
            case "stdvar_over_time":
                {
                    var stddev = name == "stddev_over_time";
                    return ApplyRange(data, (RangeWindow w, out double r) => VarianceOverTime(w, stddev, out r), true);
                }
            case "quantile_over_time":
                {
                    var q = EvalScalar(c.Args[0]);
                    foreach (var v in q)
                    {
                        if (double.IsNaN(v) || v < 0 || v > 1)
                        {
                            _ctx.Warn($"quantile value should be between 0 and 1, got {GoFloat.FormatG(v)}");
                            break;
                        }
                    }
                    return ApplyRange(data, (RangeWindow w, out double r) => { r = Quantile(q[w.Step], w.F.ToArray()); return true; }, true);
                }
            case "mad_over_time":
                return ApplyRange(data, MadOverTime, true);
            case "changes":
                return ApplyRange(data, (RangeWindow w, out double r) => CountTransitions(w, resets: false, out r), true, TransitionKernel(resets: false));
            case "resets":
                return ApplyRange(data, (RangeWindow w, out double r) => CountTransitions(w, resets: true, out r), true, TransitionKernel(resets: true));
            case "double_exponential_smoothing":
                {
                    var sf = EvalScalar(c.Args[1]);
                    var tf = EvalScalar(c.Args[2]);
                    for (var i = 0; i < _steps; i++)
                    {
                        if (!(sf[i] > 0 && sf[i] < 1))
                        {
                            throw new PromqlException(ErrorType.Execution, $"invalid smoothing factor. Expected: 0 < sf < 1, got: {GoFloat.FormatG(sf[i])}");
                        }
                        if (!(tf[i] > 0 && tf[i] < 1))
                        {
                            throw new PromqlException(ErrorType.Execution, $"invalid trend factor. Expected: 0 < tf < 1, got: {GoFloat.FormatG(tf[i])}");
                        }
                    }
                    return ApplyRange(data, (RangeWindow w, out double r) => DoubleExponentialSmoothing(w, sf[w.Step], tf[w.Step], out r), true);
                }
            default:
                throw new PromqlException(ErrorType.Execution, $"function \"{name}\" is not supported for range vectors");
        }
    }

    private void CounterInfo(RangeData data, string function)
    {
        _ = function;
        foreach (var s in data.Series)
        {
            var metricName = s.Metric.MetricName;
            if (metricName.Length > 0 && s.Count > 0 &&
                !(metricName.EndsWith("_total", StringComparison.Ordinal) || metricName.EndsWith("_sum", StringComparison.Ordinal) ||
                  metricName.EndsWith("_count", StringComparison.Ordinal) || metricName.EndsWith("_bucket", StringComparison.Ordinal)))
            {
                _ctx.Info($"metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"{metricName}\"");
            }
        }
    }

    private static bool ExtrapolatedRate(RangeWindow w, bool isCounter, bool isRate, out double result)
    {
        result = 0;
        if (w.Count < 2)
        {
            return false;
        }
        var rangeStart = w.End - w.Range;
        var rangeEnd = w.End;
        var firstT = w.T[0];
        var lastT = w.T[^1];
        var value = isCounter ? WithCounterResets(w.F[^1] - w.F[0], w.F) : w.F[^1] - w.F[0];
        var durationToStart = (firstT - rangeStart) / 1000.0;
        var durationToEnd = (rangeEnd - lastT) / 1000.0;
        var sampledInterval = (lastT - firstT) / 1000.0;
        var averageBetween = sampledInterval / (w.Count - 1);
        var threshold = averageBetween * 1.1;
        if (durationToStart >= threshold)
        {
            durationToStart = averageBetween / 2;
        }
        if (isCounter && value > 0 && w.F[0] >= 0)
        {
            var durationToZero = sampledInterval * (w.F[0] / value);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold)
        {
            durationToEnd = averageBetween / 2;
        }
        var factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        if (isRate)
        {
            factor /= w.Range / 1000.0;
        }
        result = value * factor;
        return true;
    }

    private static bool InstantValue(RangeWindow w, bool isRate, out double result)
    {
        result = 0;
        if (w.Count < 2)
        {
            return false;
        }
        var last = w.F[^1];
        var prev = w.F[^2];
        result = isRate && last < prev ? last : last - prev;
        if (isRate)
        {
            var interval = w.T[^1] - w.T[^2];
            if (interval == 0)
            {
                return false;
            }
            result /= interval / 1000.0;
        }
        return true;
    }

    private static (double Slope, double Intercept) LinearRegression(RangeWindow w, long interceptTime)
    {
        double n = 0, sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
        var initY = w.F[0];
        var constY = true;
        for (var i = 0; i < w.Count; i++)
        {
            var y = w.F[i];
            if (constY && i > 0 && y != initY)
            {
                constY = false;
            }
            n += 1;
            var x = (w.T[i] - interceptTime) / 1e3;
            (sumX, cX) = KahanSumInc(x, sumX, cX);
            (sumY, cY) = KahanSumInc(y, sumY, cY);
            (sumXY, cXY) = KahanSumInc(x * y, sumXY, cXY);
            (sumX2, cX2) = KahanSumInc(x * x, sumX2, cX2);
        }
        if (constY)
        {
            return double.IsInfinity(initY) ? (double.NaN, double.NaN) : (0, initY);
        }
        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        var covXY = sumXY - (sumX * sumY / n);
        var varX = sumX2 - (sumX * sumX / n);
        var slope = covXY / varX;
        var intercept = (sumY / n) - (slope * sumX / n);
        return (slope, intercept);
    }

    private static bool Deriv(RangeWindow w, out double result)
    {
        result = 0;
        if (w.Count < 2)
        {
            return false;
        }
        result = LinearRegression(w, w.T[0]).Slope;
        return true;
    }

    private static bool PredictLinear(RangeWindow w, double duration, out double result)
    {
        result = 0;
        if (w.Count < 2)
        {
            return false;
        }
        var (slope, intercept) = LinearRegression(w, w.StepTime);
        result = (slope * duration) + intercept;
        return true;
    }

    private static bool AvgOverTime(RangeWindow w, out double result)
    {
        if (w.Count == 1)
        {
            result = w.F[0];
            return true;
        }
        double sum = 0, c = 0, mean = 0;
        var incremental = false;
        for (var i = 0; i < w.Count; i++)
        {
            var f = w.F[i];
            var count = i + 1;
            if (!incremental)
            {
                var (newSum, newC) = KahanSumInc(f, sum, c);
                if (!double.IsInfinity(newSum) || double.IsInfinity(f))
                {
                    (sum, c) = (newSum, newC);
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                c /= count - 1;
            }
            var q = (count - 1) / (double)count;
            (mean, c) = KahanSumInc(f / count, q * mean, q * c);
        }
        result = incremental ? mean + c : (sum / w.Count) + (c / w.Count);
        return true;
    }

    private static bool SumOverTime(RangeWindow w, out double result)
    {
        double sum = 0, c = 0;
        foreach (var f in w.F)
        {
            (sum, c) = KahanSumInc(f, sum, c);
        }
        result = sum + c;
        return true;
    }

    private static bool ExtremeOverTime(RangeWindow w, bool max, bool timestamp, out double result)
    {
        var best = w.F[0];
        var bestT = w.T[0];
        for (var i = 1; i < w.Count; i++)
        {
            var f = w.F[i];
            if ((max ? f > best : f < best) || (double.IsNaN(best) && !double.IsNaN(f)))
            {
                best = f;
                bestT = w.T[i];
            }
            else if (timestamp && f == best)
            {
                bestT = w.T[i];
            }
        }
        result = timestamp ? bestT / 1000.0 : best;
        return true;
    }

    private static bool VarianceOverTime(RangeWindow w, bool stddev, out double result)
    {
        double count = 0, mean = 0, cMean = 0, aux = 0, cAux = 0;
        foreach (var f in w.F)
        {
            count++;
            var delta = f - (mean + cMean);
            (mean, cMean) = KahanSumInc(delta / count, mean, cMean);
            (aux, cAux) = KahanSumInc(delta * (f - (mean + cMean)), aux, cAux);
        }
        var variance = (aux + cAux) / count;
        result = stddev ? Math.Sqrt(variance) : variance;
        return true;
    }

    private static bool MadOverTime(RangeWindow w, out double result)
    {
        var values = w.F.ToArray();
        if (values.Any(double.IsNaN))
        {
            result = double.NaN;
            return true;
        }
        var median = Quantile(0.5, values);
        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            deviations[i] = Math.Abs(values[i] - median);
        }
        result = Quantile(0.5, deviations);
        return true;
    }

    private static bool CountTransitions(RangeWindow w, bool resets, out double result)
    {
        var count = 0;
        var prev = w.F[0];
        for (var i = 1; i < w.Count; i++)
        {
            var cur = w.F[i];
            if (resets ? cur < prev : !(cur == prev || (double.IsNaN(cur) && double.IsNaN(prev))))
            {
                count++;
            }
            prev = cur;
        }
        result = count;
        return true;
    }

    private static bool DoubleExponentialSmoothing(RangeWindow w, double sf, double tf, out double result)
    {
        result = 0;
        if (w.Count < 2)
        {
            return false;
        }
        double s0 = 0;
        var s1 = w.F[0];
        var b = w.F[1] - w.F[0];
        for (var i = 1; i < w.Count; i++)
        {
            var x = sf * w.F[i];
            if (i > 1)
            {
                b = (tf * (s1 - s0)) + ((1 - tf) * b);
            }
            var y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        result = s1;
        return true;
    }

    private static bool IsRangeFunction(FunctionInfo f) => f.ArgTypes.Contains(PromValueType.Matrix) && f.Name != "absent_over_time";
}
