using Argus.Model.Labels;
using Argus.Storage;
using Argus.Storage.InMemory;

namespace Argus.PromQL.Tests;

/// <summary>Builds small in-memory stores for the hand-computed experimental-syntax tests.</summary>
internal static class ExperimentalStorage
{
    /// <summary>One series per entry: its labels as name/value pairs and its samples (ms, value).</summary>
    public static InMemoryStorage With(params (string[] Labels, (long T, double V)[] Samples)[] series)
    {
        var storage = new InMemoryStorage();
        var appender = storage.CreateAppender();
        foreach (var (labels, samples) in series)
        {
            var set = LabelSet.FromPairs(labels);
            var reference = SeriesRef.None;
            foreach (var (t, v) in samples)
            {
                appender.Append(ref reference, set, t, v);
            }
        }
        appender.Commit();
        return storage;
    }
}
