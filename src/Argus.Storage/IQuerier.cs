using Argus.Model.Labels;

namespace Argus.Storage;

/// <summary>
/// Reads series from a fixed time range. Thread-safe for concurrent calls; results stay valid until
/// the querier is disposed.
/// </summary>
public interface IQuerier : IDisposable
{
    /// <summary>
    /// The series matching every matcher (a series without a label is treated as having it set to "").
    /// With <paramref name="sorted"/> the series come ordered by labels. At least one matcher must not
    /// match the empty string, as in Prometheus, or the call throws <see cref="ArgumentException"/>.
    /// </summary>
    ISeriesSet Select(bool sorted, SelectHints? hints, params IReadOnlyList<LabelMatcher> matchers);

    /// <summary>Sorted distinct label names of the series matching <paramref name="matchers"/> (all series if none).</summary>
    IReadOnlyList<string> LabelNames(params IReadOnlyList<LabelMatcher> matchers);

    /// <summary>Sorted distinct values of <paramref name="name"/> among the series matching <paramref name="matchers"/>.</summary>
    IReadOnlyList<string> LabelValues(string name, params IReadOnlyList<LabelMatcher> matchers);
}
