using System.Text;
using Argus.Web.Api.Json;

namespace Argus.Web.Tests.Api;

public class GoJsonWriterTests
{
    private static string Write(Action<GoJsonWriter> write)
    {
        using var writer = new GoJsonWriter(4);
        write(writer);
        return Encoding.UTF8.GetString(writer.Written.Span);
    }

    [Fact]
    public void Strings_are_escaped_as_Go_escapes_them()
    {
        var json = Write(w => w.String("a\"b\\c\nd\te<f>g&h\u2028i\u0001jé😀"));
        Assert.Equal("\"a\\\"b\\\\c\\nd\\te\\u003cf\\u003eg\\u0026h\\u2028i\\u0001jé😀\"", json);
    }

    [Fact]
    public void Commas_separate_members_and_elements_at_every_depth()
    {
        var json = Write(w =>
        {
            w.StartObject();
            w.Property("a", "1");
            w.Name("b");
            w.StartArray();
            w.Number(1);
            w.StartObject();
            w.EndObject();
            w.Null();
            w.EndArray();
            w.Name("c");
            w.Bool(true);
            w.EndObject();
        });
        Assert.Equal("{\"a\":\"1\",\"b\":[1,{},null],\"c\":true}", json);
    }

    [Fact]
    public void The_buffer_grows_beyond_its_initial_size()
    {
        var long_ = new string('x', 10_000);
        Assert.Equal("\"" + long_ + "\"", Write(w => w.String(long_)));
    }

    [Theory]
    [InlineData(1435781451781L, "1435781451.781")]
    [InlineData(1000L, "1")]
    [InlineData(1500L, "1.500")]
    [InlineData(1050L, "1.050")]
    [InlineData(1005L, "1.005")]
    [InlineData(0L, "0")]
    [InlineData(-1500L, "-1.500")]
    public void Timestamps_are_seconds_with_millisecond_digits(long ms, string expected) =>
        Assert.Equal(expected, PromJsonValues.FormatTimestamp(ms));

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(1e6, "1000000")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1.5e21, "1.5e+21")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(-0.000001, "-0.000001")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(0.0, "0")]
    public void Values_use_Go_fixed_notation_with_exponents_only_at_the_extremes(double value, string expected) =>
        Assert.Equal(expected, PromJsonValues.FormatValue(value));
}
