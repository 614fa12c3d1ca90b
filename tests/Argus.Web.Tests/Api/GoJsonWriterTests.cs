using System.Text;
using Argus.Model.Formatting;
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

    [Fact]
    public void Values_written_into_the_buffer_match_Gos_formatting_across_magnitudes()
    {
        // The writer formats plain values with .NET's round-trip format; Go's shortest 'f'/'e' forms
        // (GoFloat) are the reference, including around .NET's own exponent switch (1e15, 1e-5).
        var random = new Random(7);
        var values = new List<double> { 1e15, 999999999999999.9, 1e-5, 0.00001234, 1e20, 9.99e20, 1e-6, -2.5e-6, 3.5912280701754384, -0.0 };
        for (var i = 0; i < 20_000; i++)
        {
            var magnitude = Math.Pow(10, random.Next(-9, 24));
            values.Add((random.NextDouble() - 0.5) * magnitude);
        }
        foreach (var value in values)
        {
            var abs = Math.Abs(value);
            var expected = abs != 0 && (abs < 1e-6 || abs >= 1e21) ? GoFloat.FormatE(value) : GoFloat.FormatF(value);
            using var writer = new GoJsonWriter();
            PromJsonValues.WriteValue(writer, value);
            Assert.Equal("\"" + expected + "\"", Encoding.UTF8.GetString(writer.Written.Span));
        }
    }

    [Theory]
    [InlineData(long.MinValue, "-9223372036854775.808")]
    [InlineData(-1L, "-0.001")]
    [InlineData(1_795_326_720_010L, "1795326720.010")]
    public void Timestamps_written_into_the_buffer_keep_sign_and_padding(long ms, string expected)
    {
        using var writer = new GoJsonWriter();
        PromJsonValues.WriteTimestamp(writer, ms);
        Assert.Equal(expected, Encoding.UTF8.GetString(writer.Written.Span));
    }
}
