using System.Diagnostics;
using System.Text;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Tests.Parsing;

/// <summary>Random and mutated bodies must either parse or fail with <see cref="ExpositionFormatException"/>,
/// never crash or hang.</summary>
public sealed class ParserFuzzTests
{
    private static readonly byte[] Seed = Encoding.UTF8.GetBytes("""
        # HELP a_total Help \\ text\n
        # TYPE a_total counter
        # UNIT a_total seconds
        a_total{x="1",y="a\"b\\c\nd"} 1.5 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67 1520879607
        {"utf.name","l.x"="v"} +Inf
        b NaN -12
        # EOF

        """);

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText)]
    [InlineData(ExpositionFormat.OpenMetrics)]
    public void Mutated_and_random_bodies_never_crash_or_hang(ExpositionFormat format)
    {
        var random = new Random(20261122);
        var watch = Stopwatch.StartNew();
        var alphabet = "{}\"\\=, \t\n#a_1.+-eINf"u8.ToArray();
        var parsedOk = 0;
        for (var iteration = 0; iteration < 20_000; iteration++)
        {
            byte[] body;
            if (iteration % 4 == 0)
            {
                body = new byte[random.Next(0, 200)];
                for (var i = 0; i < body.Length; i++)
                {
                    body[i] = random.Next(3) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                }
            }
            else
            {
                body = (byte[])Seed.Clone();
                var mutations = random.Next(1, 6);
                for (var m = 0; m < mutations; m++)
                {
                    var at = random.Next(body.Length);
                    switch (random.Next(3))
                    {
                        case 0:
                            body[at] = alphabet[random.Next(alphabet.Length)];
                            break;
                        case 1:
                            body[at] = (byte)random.Next(256);
                            break;
                        default:
                            body = [.. body.AsSpan(0, at), .. body.AsSpan(Math.Min(body.Length, at + random.Next(1, 8)))];
                            break;
                    }
                    if (body.Length == 0)
                    {
                        break;
                    }
                }
            }
            try
            {
                ParseHelper.Samples(body, format);
                parsedOk++;
            }
            catch (ExpositionFormatException e)
            {
                Assert.StartsWith("line ", e.Message, StringComparison.Ordinal);
            }
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {watch.Elapsed}");
        Assert.True(parsedOk > 0, "no mutated body parsed at all; the seed itself must be valid");
    }

    [Theory]
    [InlineData(ExpositionFormat.PrometheusText, "")]
    [InlineData(ExpositionFormat.OpenMetrics, "# EOF\n")]
    public void Huge_label_values_and_long_lines_parse_in_linear_time(ExpositionFormat format, string end)
    {
        var value = new string('x', 4 << 20);
        var body = Encoding.UTF8.GetBytes($"m{{a=\"{value}\"}} 1\n{end}");
        var watch = Stopwatch.StartNew();
        var sample = Assert.Single(ParseHelper.Samples(body, format));
        Assert.Equal(value.Length, sample.Labels.Get("a").Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));

        var unterminated = Encoding.UTF8.GetBytes("m{a=\"" + value);
        var error = Assert.Throws<ExpositionFormatException>(() => ParseHelper.Samples(unterminated, format));
        Assert.StartsWith("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Steady_state_parsing_allocates_nothing_per_sample()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            sb.Append("node_cpu_seconds_total{cpu=\"").Append(i).Append("\",mode=\"idle\"} ").Append(i * 1.5).Append('\n');
        }
        var body = Encoding.UTF8.GetBytes(sb.ToString());
        CountSamples(body);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = CountSamples(body);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2000, count);
        Assert.True(allocated < 1024, $"parsing 2000 samples allocated {allocated} bytes");
    }

    private static int CountSamples(byte[] body)
    {
        var parser = new ExpositionParser(body, ExpositionFormat.PrometheusText);
        var n = 0;
        while (parser.Next() != ExpositionEntry.End)
        {
            n++;
        }
        return n;
    }
}
