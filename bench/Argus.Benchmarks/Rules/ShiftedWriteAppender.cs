using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.Storage;

namespace Argus.Benchmarks.Rules;

/// <summary>The appender of <see cref="ShiftedWriteAppendable"/>: adds a fixed shift to every timestamp.</summary>
internal sealed class ShiftedWriteAppender(IAppender inner, long shiftMs) : IAppender
{
    public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value) =>
        inner.Append(ref series, labels, timestampMs + shiftMs, value);

    public AppendStatus AppendHistogram(ref SeriesRef series, LabelSet labels, long timestampMs, FloatHistogram histogram) =>
        inner.AppendHistogram(ref series, labels, timestampMs, histogram);

    public void Commit() => inner.Commit();

    public void Rollback() => inner.Rollback();
}
