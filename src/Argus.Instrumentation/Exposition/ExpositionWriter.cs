using System.Globalization;
using System.Text;
using Argus.Model.Formatting;
using Argus.Model.Labels;

namespace Argus.Instrumentation.Exposition;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4: <c># HELP</c>, <c># TYPE</c> and sample lines,
/// with the format's escaping (backslash and newline in help; backslash, quote and newline in label
/// values) and Go's float formatting (<c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>, shortest round-trip digits).
/// Used for Argus's own <c>/metrics</c>, the host collector, federation and the Pushgateway API.
/// </summary>
/// <remarks>Not thread-safe; one writer per response.</remarks>
public sealed class ExpositionWriter
{
    /// <summary>The Content-Type of what this writer produces.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly TextWriter _output;

    public ExpositionWriter(TextWriter output)
    {
        _output = output;
    }

    /// <summary>Writes the <c># HELP</c> and <c># TYPE</c> lines that introduce a metric family.</summary>
    public void WriteFamilyHeader(string name, string help, MetricType type)
    {
        if (help.Length > 0)
        {
            _output.Write("# HELP ");
            _output.Write(name);
            _output.Write(' ');
            WriteEscaped(help, escapeQuote: false);
            _output.Write('\n');
        }
        _output.Write("# TYPE ");
        _output.Write(name);
        _output.Write(' ');
        _output.Write(TypeName(type));
        _output.Write('\n');
    }

    /// <summary>Writes one sample line. Labels are written in the order given; a null timestamp is omitted.</summary>
    public void WriteSample(string name, ReadOnlySpan<Label> labels, double value, long? timestampMs = null)
    {
        _output.Write(name);
        if (!labels.IsEmpty)
        {
            _output.Write('{');
            for (var i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _output.Write(',');
                }
                _output.Write(labels[i].Name);
                _output.Write("=\"");
                WriteEscaped(labels[i].Value, escapeQuote: true);
                _output.Write('"');
            }
            _output.Write('}');
        }
        _output.Write(' ');
        _output.Write(FormatValue(value));
        if (timestampMs is { } ts)
        {
            _output.Write(' ');
            _output.Write(ts.ToString(CultureInfo.InvariantCulture));
        }
        _output.Write('\n');
    }

    /// <summary>Writes one sample of a label set that includes <c>__name__</c>.</summary>
    public void WriteSample(LabelSet series, double value, long? timestampMs = null)
    {
        var labels = series.AsSpan();
        // __name__ sorts before every legacy label name except those starting with an upper-case
        // letter or a digit-free prefix below '_', so find it rather than assume its position.
        var nameIndex = -1;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i].Name == LabelNames.MetricName)
            {
                nameIndex = i;
                break;
            }
        }
        if (nameIndex < 0)
        {
            WriteSample(string.Empty, labels, value, timestampMs);
            return;
        }
        var others = new Label[labels.Length - 1];
        labels[..nameIndex].CopyTo(others);
        labels[(nameIndex + 1)..].CopyTo(others.AsSpan(nameIndex));
        WriteSample(labels[nameIndex].Value, others, value, timestampMs);
    }

    /// <summary>Copies text already in this format verbatim, e.g. families a collector rendered into its own
    /// buffer so that they could be dropped whole had the collector failed halfway.</summary>
    public void WriteRendered(StringBuilder rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        foreach (var chunk in rendered.GetChunks())
        {
            _output.Write(chunk.Span);
        }
    }

    /// <summary>Formats a float as Prometheus does in the text format (Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c>
    /// with <c>+Inf</c>/<c>-Inf</c>/<c>NaN</c>).</summary>
    public static string FormatValue(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }
        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }
        return GoFloat.FormatG(value);
    }

    private void WriteEscaped(string text, bool escapeQuote)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '"' when escapeQuote => "\\\"",
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }
            _output.Write(text.AsSpan(start, i - start));
            _output.Write(replacement);
            start = i + 1;
        }
        _output.Write(text.AsSpan(start));
    }

    private static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "counter",
        MetricType.Gauge => "gauge",
        MetricType.Histogram => "histogram",
        MetricType.Summary => "summary",
        _ => "untyped",
    };

    /// <summary>Exposed for tests and other writers that need the same escaping.</summary>
    internal static string Escape(string text, bool escapeQuote)
    {
        var sw = new StringWriter(new StringBuilder());
        new ExpositionWriter(sw).WriteEscaped(text, escapeQuote);
        return sw.ToString();
    }
}
