using System.Text;
using Argus.Model.Labels;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Tests.Parsing;

/// <summary>Runs the parser over a whole body and collects what it found.</summary>
internal static class ParseHelper
{
    public static List<ParsedSample> Samples(string body, ExpositionFormat format) => Samples(Encoding.UTF8.GetBytes(body), format);

    public static List<ParsedSample> Samples(byte[] body, ExpositionFormat format)
    {
        var result = new List<ParsedSample>();
        var parser = new ExpositionParser(body, format);
        var builder = new LabelSetBuilder();
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.End)
        {
            if (entry != ExpositionEntry.Series)
            {
                continue;
            }
            builder.Reset();
            parser.CopyLabels(builder);
            LabelSet? exemplar = null;
            double? exemplarValue = null;
            if (parser.HasExemplar)
            {
                var eb = new LabelSetBuilder();
                parser.CopyExemplarLabels(eb);
                exemplar = eb.Build();
                exemplarValue = parser.ExemplarValue;
            }
            result.Add(new ParsedSample(builder.Build(), parser.Value, parser.HasTimestamp ? parser.TimestampMs : null, exemplar, exemplarValue));
        }
        return result;
    }

    public static List<string> Metadata(string body, ExpositionFormat format)
    {
        var result = new List<string>();
        var parser = new ExpositionParser(Encoding.UTF8.GetBytes(body), format);
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.End)
        {
            switch (entry)
            {
                case ExpositionEntry.Type:
                    result.Add($"TYPE {parser.MetricNameString()} {parser.MetricType}");
                    break;
                case ExpositionEntry.Help:
                    result.Add($"HELP {parser.MetricNameString()} {parser.HelpText()}");
                    break;
                case ExpositionEntry.Unit:
                    result.Add($"UNIT {parser.MetricNameString()} {parser.RawText()}");
                    break;
            }
        }
        return result;
    }

    public static ExpositionFormatException Error(string body, ExpositionFormat format) =>
        Assert.Throws<ExpositionFormatException>(() => Samples(body, format));
}
