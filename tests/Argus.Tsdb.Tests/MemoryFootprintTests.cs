using System.Globalization;
using Argus.Model.Labels;
using Argus.Storage;
using Xunit.Abstractions;
using static Argus.Tsdb.Tests.StorageTestHelpers;

namespace Argus.Tsdb.Tests;

[Collection(HeapMeasurementCollection.Name)]
public class MemoryFootprintTests(ITestOutputHelper output)
{
    [Fact]
    public void An_active_series_costs_under_one_kibibyte_of_head_memory()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        const int seriesCount = 20_000;
        // Warm up the process-wide string pool and the head's stripes so only per-series cost is measured.
        var names = Enumerable.Range(0, seriesCount).Select(i => "host-" + i.ToString(CultureInfo.InvariantCulture)).Select(LabelStrings.Intern).ToArray();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var refs = new SeriesRef[seriesCount];
        for (var step = 0; step < 10; step++)
        {
            var appender = db.CreateAppender();
            for (var i = 0; i < seriesCount; i++)
            {
                appender.Append(ref refs[i], LabelSet.FromPairs(LabelNames.MetricName, "node_load1", "job", "node", "instance", names[i]), step * 15_000L, i + (step * 0.25));
            }
            appender.Commit();
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perSeries = (after - before) / (double)seriesCount;
        output.WriteLine($"head memory per series with 10 samples: {perSeries:F0} bytes");
        Assert.True(perSeries <= 1024, $"{perSeries:F0} bytes per series");
        GC.KeepAlive(db);
    }
}
