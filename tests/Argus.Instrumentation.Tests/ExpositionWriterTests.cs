using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Instrumentation.Tests;

public class ExpositionWriterTests
{
    private static string Write(Action<ExpositionWriter> write)
    {
        var text = new StringWriter();
        write(new ExpositionWriter(text));
        return text.ToString();
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline()
    {
        var output = Write(w => w.WriteSample("m", [new Label("path", "C:\\dir \"quoted\"\nnext")], 1));
        Assert.Equal("m{path=\"C:\\\\dir \\\"quoted\\\"\\nnext\"} 1\n", output);
    }

    [Fact]
    public void Help_escapes_backslash_and_newline_but_not_quotes()
    {
        var output = Write(w => w.WriteFamilyHeader("m", "a \"b\" \\ c\nd", MetricType.Gauge));
        Assert.Equal("# HELP m a \"b\" \\\\ c\\nd\n# TYPE m gauge\n", output);
    }

    [Fact]
    public void Empty_help_writes_only_the_type_line()
    {
        Assert.Equal("# TYPE m counter\n", Write(w => w.WriteFamilyHeader("m", "", MetricType.Counter)));
    }

    [Fact]
    public void Special_values_and_timestamps_are_written()
    {
        var output = Write(w =>
        {
            w.WriteSample("a", [], double.NaN);
            w.WriteSample("b", [], double.PositiveInfinity, 1700000000123);
            w.WriteSample("c", [new Label("x", "1"), new Label("y", "")], double.NegativeInfinity);
        });
        Assert.Equal("a NaN\nb +Inf 1700000000123\nc{x=\"1\",y=\"\"} -Inf\n", output);
    }

    [Fact]
    public void A_label_set_is_written_with_its_metric_name_outside_the_braces()
    {
        var series = LabelSet.FromPairs("__name__", "up", "job", "argus", "instance", "localhost:9090");
        var output = Write(w => w.WriteSample(series, 1));
        Assert.Equal("up{instance=\"localhost:9090\",job=\"argus\"} 1\n", output);
    }
}
