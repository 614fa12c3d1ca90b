using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.PromQL.Engine;

/// <summary>Range functions over series that hold native histograms. Kept apart from the float path so
/// float-only series never pay for it.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// One series with histograms through a range function: windows holding only floats go to the float
    /// <paramref name="kernel"/>; windows holding histograms go to <paramref name="histogramKernel"/>, or,
    /// for functions that only read floats, to the float kernel with the histograms ignored (noted).
    /// </summary>
    private Series? ApplyRangeWithHistograms(RangeData data, RawSeries s, RangeKernel kernel, HistogramRangeKernel? histogramKernel)
    {
        var st = s.T;
        var sf = s.F;
        var ht = s.HistogramTimes!;
        var hh = s.HistogramValues!;
        var points = new List<FPoint>();
        List<HPoint>? histograms = null;
        for (var i = 0; i < _steps; i++)
        {
            var end = data.WindowEnds[i];
            var start = end - data.RangeMs;
            var (lo, hi) = WindowOf(st, start, end);
            var (hlo, hhi) = WindowOf(ht, start, end);
            var window = new RangeWindow(st.Slice(lo, hi - lo), sf.Slice(lo, hi - lo), end, data.RangeMs, StepTime(i), i);
            var f = 0.0;
            FloatHistogram? h = null;
            bool produced;
            if (hhi == hlo)
            {
                produced = window.Count > 0 && kernel(window, out f);
            }
            else if (histogramKernel is not null)
            {
                produced = histogramKernel(window, ht.AsSpan(hlo, hhi - hlo), hh.AsSpan(hlo, hhi - hlo), s.Metric, out f, out h);
            }
            else
            {
                if (window.Count > 0)
                {
                    _ctx.Info($"ignored histograms in a range containing both floats and histograms for metric name \"{s.Metric.MetricName}\"");
                }
                produced = window.Count > 0 && kernel(window, out f);
            }
            if (!produced)
            {
                continue;
            }
            if (h is null)
            {
                points.Add(new FPoint(StepTime(i), f));
            }
            else
            {
                (histograms ??= []).Add(new HPoint(StepTime(i), h));
            }
        }
        if (points.Count == 0 && histograms is null)
        {
            return null;
        }
        _ctx.AddSamples(points.Count + (histograms?.Count ?? 0));
        return new Series(s.Metric, points, s.DropName) { Histograms = histograms };
    }

    /// <summary>The index range of timestamps in <c>(start, end]</c>.</summary>
    private static (int Lo, int Hi) WindowOf(ReadOnlySpan<long> times, long start, long end)
    {
        var lo = 0;
        while (lo < times.Length && times[lo] <= start)
        {
            lo++;
        }
        var hi = lo;
        while (hi < times.Length && times[hi] <= end)
        {
            hi++;
        }
        return (lo, hi);
    }

    private void WarnMixed(LabelSet metric) => _ctx.Warn($"encountered a mix of histograms and floats for metric name \"{metric.MetricName}\"");

    /// <summary>True (with a warning) when a window holding histograms also holds floats, which functions
    /// that combine samples arithmetically cannot mix.</summary>
    private bool IsMixed(RangeWindow floats, LabelSet metric)
    {
        if (floats.Count == 0)
        {
            return false;
        }
        WarnMixed(metric);
        return true;
    }

    private void WarnSchemaMix(LabelSet metric) =>
        _ctx.Warn($"vector contains a mix of histograms with exponential and custom buckets schemas for metric name \"{metric.MetricName}\"");

    /// <summary>rate/increase (<paramref name="isCounter"/>) and delta over histograms; a window mixing
    /// floats and histograms has no result.</summary>
    private HistogramRangeKernel HistogramRateKernel(bool isCounter, bool isRate) =>
        (RangeWindow w, ReadOnlySpan<long> ht, ReadOnlySpan<FloatHistogram> hh, LabelSet metric, out double f, out FloatHistogram? h) =>
        {
            (f, h) = (0, null);
            if (IsMixed(w, metric))
            {
                return false;
            }
            if (hh.Length < 2)
            {
                return false;
            }
            var increase = HistogramIncrease(hh, isCounter, metric);
            if (increase is null)
            {
                return false;
            }
            var factor = ExtrapolationFactor(w.End, w.Range, ht[0], ht[^1], hh.Length, isCounter, increase.Count, hh[0].Count);
            if (isRate)
            {
                factor /= w.Range / 1000.0;
            }
            h = increase.Scale(factor).WithHint(CounterResetHint.Gauge);
            return true;
        };

    /// <summary>The last histogram minus the first, plus (for counters) every histogram that preceded a
    /// reset; null (with a warning) when custom and exponential buckets meet.</summary>
    private FloatHistogram? HistogramIncrease(ReadOnlySpan<FloatHistogram> hh, bool isCounter, LabelSet metric)
    {
        if (isCounter)
        {
            foreach (var h in hh[1..])
            {
                if (h.CounterResetHint == CounterResetHint.Gauge)
                {
                    _ctx.Warn($"this native histogram metric is not a counter: \"{metric.MetricName}\"");
                    break;
                }
            }
        }
        else if (hh[0].CounterResetHint != CounterResetHint.Gauge || hh[^1].CounterResetHint != CounterResetHint.Gauge)
        {
            _ctx.Warn($"this native histogram metric is not a gauge: \"{metric.MetricName}\"");
        }
        try
        {
            var result = hh[^1].Subtract(hh[0], out var reconciled);
            NoteReconciled(reconciled, "subtraction");
            if (isCounter)
            {
                for (var i = 1; i < hh.Length; i++)
                {
                    if (hh[i].DetectReset(hh[i - 1]))
                    {
                        result = result.Add(hh[i - 1], out reconciled);
                        NoteReconciled(reconciled, "aggregation");
                    }
                }
            }
            return result.Compact();
        }
        catch (HistogramMismatchException)
        {
            WarnSchemaMix(metric);
            return null;
        }
    }

    /// <summary>How much the increase between the first and last sample is scaled to cover the whole
    /// range: extended by half a sample interval at either end unless the samples reach closer, and for
    /// counters never back past the point where the count would have been zero.</summary>
    private static double ExtrapolationFactor(long end, long range, long firstT, long lastT, int samples, bool isCounter, double increase, double firstValue)
    {
        var durationToStart = (firstT - (end - range)) / 1000.0;
        var durationToEnd = (end - lastT) / 1000.0;
        var sampledInterval = (lastT - firstT) / 1000.0;
        var averageBetween = sampledInterval / (samples - 1);
        var threshold = averageBetween * 1.1;
        if (durationToStart >= threshold)
        {
            durationToStart = averageBetween / 2;
        }
        if (isCounter && increase > 0 && firstValue >= 0)
        {
            var durationToZero = sampledInterval * (firstValue / increase);
            if (durationToZero < durationToStart)
            {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold)
        {
            durationToEnd = averageBetween / 2;
        }
        return (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    }

    /// <summary>irate/idelta over the last two samples when both are histograms; the float kernel when
    /// both are floats; nothing (with a warning) when they differ.</summary>
    private HistogramRangeKernel HistogramInstantKernel(bool isRate, RangeKernel floatKernel) =>
        (RangeWindow w, ReadOnlySpan<long> ht, ReadOnlySpan<FloatHistogram> hh, LabelSet metric, out double f, out FloatHistogram? h) =>
        {
            h = null;
            f = 0;
            var floatsLast = w.Count >= 2 && (hh.Length == 0 || ht[^1] < w.T[^2]);
            if (floatsLast)
            {
                return floatKernel(w, out f);
            }
            var histogramsLast = hh.Length >= 2 && (w.Count == 0 || w.T[^1] < ht[^2]);
            if (!histogramsLast)
            {
                if (w.Count + hh.Length >= 2)
                {
                    WarnMixed(metric);
                }
                return false;
            }
            var (previous, last) = (hh[^2], hh[^1]);
            // Either of the two samples can give the wrong kind away.
            var gauges = (previous.CounterResetHint == CounterResetHint.Gauge ? 1 : 0) + (last.CounterResetHint == CounterResetHint.Gauge ? 1 : 0);
            if (isRate && gauges > 0)
            {
                _ctx.Warn($"this native histogram metric is not a counter: \"{metric.MetricName}\"");
            }
            if (!isRate && gauges < 2)
            {
                _ctx.Warn($"this native histogram metric is not a gauge: \"{metric.MetricName}\"");
            }
            try
            {
                var reconciled = false;
                var result = isRate && last.DetectReset(previous) ? last : last.Subtract(previous, out reconciled);
                NoteReconciled(reconciled, "subtraction");
                if (isRate)
                {
                    result = result.Divide((ht[^1] - ht[^2]) / 1000.0);
                }
                h = result.Compact().WithHint(CounterResetHint.Gauge);
                return true;
            }
            catch (HistogramMismatchException)
            {
                WarnSchemaMix(metric);
                return false;
            }
        };

    /// <summary>sum_over_time and avg_over_time of histograms; a window mixing kinds has no result.</summary>
    private HistogramRangeKernel HistogramSumKernel(bool average) =>
        (RangeWindow w, ReadOnlySpan<long> ht, ReadOnlySpan<FloatHistogram> hh, LabelSet metric, out double f, out FloatHistogram? h) =>
        {
            (f, h) = (0, null);
            if (IsMixed(w, metric))
            {
                return false;
            }
            try
            {
                var sum = CompensatedSum(hh.ToArray());
                h = (average ? Average(sum, hh.ToArray()) : sum).Compact();
                return true;
            }
            catch (HistogramMismatchException)
            {
                WarnSchemaMix(metric);
                return false;
            }
        };

    /// <summary>count/present/last/first/ts_of_last/ts_of_first over windows of either kind.</summary>
    private static HistogramRangeKernel SampleKernel(string function) =>
        (RangeWindow w, ReadOnlySpan<long> ht, ReadOnlySpan<FloatHistogram> hh, LabelSet metric, out double f, out FloatHistogram? h) =>
        {
            h = null;
            var lastIsHistogram = w.Count == 0 || ht[^1] > w.T[^1];
            var firstIsHistogram = w.Count == 0 || ht[0] < w.T[0];
            switch (function)
            {
                case "count_over_time":
                    f = w.Count + hh.Length;
                    return true;
                case "present_over_time":
                    f = 1;
                    return true;
                case "last_over_time":
                    (f, h) = lastIsHistogram ? (0.0, hh[^1]) : (w.F[^1], (FloatHistogram?)null);
                    return true;
                case "first_over_time":
                    (f, h) = firstIsHistogram ? (0.0, hh[0]) : (w.F[0], (FloatHistogram?)null);
                    return true;
                case "ts_of_last_over_time":
                    f = (lastIsHistogram ? ht[^1] : w.T[^1]) / 1000.0;
                    return true;
                default:
                    f = (firstIsHistogram ? ht[0] : w.T[0]) / 1000.0;
                    return true;
            }
        };

    /// <summary>changes/resets over a window of either kind, walking both in time order: a change of kind
    /// counts as a change and as a reset; histograms change when they differ and reset as
    /// <see cref="FloatHistogram.DetectReset"/> says.</summary>
    private static HistogramRangeKernel TransitionKernel(bool resets) =>
        (RangeWindow w, ReadOnlySpan<long> ht, ReadOnlySpan<FloatHistogram> hh, LabelSet metric, out double f, out FloatHistogram? h) =>
        {
            h = null;
            var count = 0;
            int i = 0, j = 0;
            double previousFloat = 0;
            FloatHistogram? previousHistogram = null;
            var first = true;
            while (i < w.Count || j < hh.Length)
            {
                var takeFloat = j >= hh.Length || (i < w.Count && w.T[i] < ht[j]);
                if (takeFloat)
                {
                    var v = w.F[i++];
                    if (!first && (previousHistogram is not null || (resets ? v < previousFloat : !(v == previousFloat || (double.IsNaN(v) && double.IsNaN(previousFloat))))))
                    {
                        count++;
                    }
                    (previousFloat, previousHistogram) = (v, null);
                }
                else
                {
                    var current = hh[j++];
                    if (!first && (previousHistogram is null || (resets ? current.DetectReset(previousHistogram) : !current.Equivalent(previousHistogram, static (a, b) => a.Equals(b)))))
                    {
                        count++;
                    }
                    previousHistogram = current;
                }
                first = false;
            }
            f = count;
            return true;
        };
}
