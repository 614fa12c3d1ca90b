using Argus.LoadTool.Data;
using Argus.Model.Labels;
using Argus.Storage;

namespace Argus.LoadTool.Tests;

public sealed class PushTests
{
    [Fact]
    public async Task Push_delivers_every_sample_to_a_real_remote_write_receiver()
    {
        await using var sink = await RemoteWriteSink.StartAsync();
        var endMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await LoadToolCommand.RunAsync(
            ["push", "--url", sink.WriteUrl, "--series", "600", "--samples", "6", "--interval", "15s",
             "--concurrency", "3", "--batch", "250", "--end-ms", endMs.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("result samples=3600 ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("rejected_requests=0 ", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(600, sink.Storage.SeriesCount);
        Assert.Equal(3600, Interlocked.Read(ref sink.Stats.SamplesAppended));

        using var querier = sink.Storage.CreateQuerier(long.MinValue, long.MaxValue);
        var set = querier.Select(true, null, LabelMatcher.Equal("job", "node"));
        var samples = 0;
        while (set.MoveNext())
        {
            var series = set.Current;
            var iterator = series.Iterator();
            var previous = double.NegativeInfinity;
            var isCounter = series.Labels.MetricName.EndsWith("_total", StringComparison.Ordinal);
            while (iterator.Next() == SampleKind.Float)
            {
                samples++;
                // Off the minute grid by 3-7 ms, never after the requested end.
                Assert.InRange(((iterator.Timestamp % NodeLikeDataSet.GridMs) + NodeLikeDataSet.GridMs) % 15_000, 3, 7);
                Assert.True(iterator.Timestamp <= endMs);
                if (isCounter)
                {
                    Assert.True(iterator.Value >= previous, $"{series.Labels} decreased at {iterator.Timestamp}");
                }
                previous = iterator.Value;
            }
        }
        Assert.Equal(3600, samples);
    }

    [Fact]
    public async Task A_rejected_request_fails_the_run_with_the_receivers_answer()
    {
        await using var sink = await RemoteWriteSink.StartAsync(forcedStatus: 400);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await LoadToolCommand.RunAsync(
            ["push", "--url", sink.WriteUrl, "--series", "50", "--samples", "3", "--batch", "10"],
            output, error, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("400", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("sink refuses this write", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("rejected_requests=0 ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_flags_are_reported_by_name()
    {
        var error = new StringWriter();

        var exit = await LoadToolCommand.RunAsync(["push", "--seriess", "10"], new StringWriter(), error, CancellationToken.None);
        var badValue = await LoadToolCommand.RunAsync(["push", "--samples", "ten"], new StringWriter(), error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal(2, badValue);
        Assert.Contains("unknown flag --seriess", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--samples: \"ten\"", error.ToString(), StringComparison.Ordinal);
    }
}
