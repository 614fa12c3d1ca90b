using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.Storage;

/// <summary>
/// A batch of samples that becomes visible and durable all at once on <see cref="Commit"/>, or not at
/// all on <see cref="Rollback"/>. One appender per batch; not thread-safe; not usable after
/// Commit or Rollback.
/// </summary>
public interface IAppender
{
    /// <summary>
    /// Stages one sample. When <paramref name="series"/> is not <see cref="SeriesRef.None"/> it must
    /// come from an earlier append to the same storage and <paramref name="labels"/> may be ignored;
    /// on return it holds the series' ref for the next call.
    /// </summary>
    AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value);

    /// <summary>
    /// Stages one native histogram sample, with the same contract for <paramref name="series"/> as
    /// <see cref="Append"/>. Storage that cannot keep histograms says so instead of dropping them.
    /// </summary>
    /// <exception cref="StorageException">This storage does not store native histograms.</exception>
    AppendStatus AppendHistogram(ref SeriesRef series, LabelSet labels, long timestampMs, FloatHistogram histogram) =>
        throw new StorageException($"{GetType().Name} does not store native histograms; the sample at {timestampMs} for {labels} was rejected");

    /// <summary>Makes every staged sample durable (written to the WAL) and visible to queries.</summary>
    /// <exception cref="StorageException">The WAL could not be written (for example, the disk is full);
    /// nothing of this batch is visible and nothing committed earlier is affected.</exception>
    void Commit();

    /// <summary>Discards every staged sample.</summary>
    void Rollback();
}
