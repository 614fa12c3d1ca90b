using System.Text;
using Argus.Server.Tsdb;

namespace Argus.Server.Tests;

public sealed class TsdbCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "argus-tsdbcmd-" + Guid.NewGuid().ToString("N"));

    public TsdbCommandsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Backfilled_openmetrics_data_can_be_dumped_analyzed_and_listed()
    {
        // Five hours of samples every 15 minutes: more than 1.5 block durations, so blocks are cut.
        var text = new StringBuilder("# TYPE jobs gauge\n");
        for (var t = 0; t <= 5 * 3600; t += 900)
        {
            text.Append("jobs{queue=\"a\"} ").Append(t).Append(' ').Append(t).Append('\n');
        }
        text.Append("jobs{queue=\"b\"} 7 60\n# EOF\n");
        var input = Write("in.om", text.ToString());
        var db = Path.Combine(_dir, "db");
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, TsdbCommands.CreateBlocksFromOpenMetrics(input, db, output, error));
        Assert.Equal("22 samples", output.ToString().Trim());

        output = new StringWriter();
        Assert.Equal(0, TsdbCommands.Dump(db, "jobs{queue=\"b\"}", long.MinValue, long.MaxValue, output, error));
        Assert.Equal("{__name__=\"jobs\", queue=\"b\"} 7 60000", output.ToString().Trim());

        output = new StringWriter();
        Assert.Equal(0, TsdbCommands.Dump(db, "jobs{queue=\"a\"}", 900_000, 1_800_000, output, error));
        Assert.Equal(["{__name__=\"jobs\", queue=\"a\"} 900 900000", "{__name__=\"jobs\", queue=\"a\"} 1800 1800000"],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        output = new StringWriter();
        Assert.Equal(0, TsdbCommands.List(db, humanReadable: false, output, error));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("BLOCK ULID", lines[0]);
        Assert.True(lines.Length >= 2, output.ToString());
        Assert.Contains(" 0 ", lines[1]);

        // Analyze must see both series whether they sit in blocks or the head.
        output = new StringWriter();
        Assert.Equal(0, TsdbCommands.Analyze(db, 5, output, error));
        Assert.Contains("Highest cardinality metric names:", output.ToString());
        Assert.Contains("Most common label pairs (series):", output.ToString());
    }

    [Fact]
    public void Backfill_names_the_line_of_a_sample_without_a_timestamp()
    {
        var input = Write("bad.om", "# TYPE up gauge\nup 1 10\nup 1\n# EOF\n");
        var error = new StringWriter();
        Assert.Equal(1, TsdbCommands.CreateBlocksFromOpenMetrics(input, Path.Combine(_dir, "db"), new StringWriter(), error));
        Assert.Contains("line 3: sample has no timestamp", error.ToString());
    }

    [Fact]
    public void Backfill_refuses_a_non_empty_output_directory()
    {
        var input = Write("ok.om", "up 1 10\n# EOF\n");
        var error = new StringWriter();
        Assert.Equal(1, TsdbCommands.CreateBlocksFromOpenMetrics(input, _dir, new StringWriter(), error));
        Assert.Contains("is not empty", error.ToString());
    }

    [Fact]
    public void Dump_rejects_an_invalid_selector_and_a_missing_directory()
    {
        var error = new StringWriter();
        Assert.Equal(1, TsdbCommands.Dump(_dir, "up{", long.MinValue, long.MaxValue, new StringWriter(), error));
        Assert.Contains("invalid --match", error.ToString());
        Assert.Equal(1, TsdbCommands.List(Path.Combine(_dir, "missing"), false, new StringWriter(), error));
        Assert.Contains("does not exist", error.ToString());
    }
}
