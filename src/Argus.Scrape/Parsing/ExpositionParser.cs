using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Argus.Model.Labels;

namespace Argus.Scrape.Parsing;

/// <summary>
/// Pull parser for the Prometheus text format 0.0.4/1.0.0 and OpenMetrics 1.0 text, over a span of the
/// whole body. <see cref="Next"/> validates one line fully without allocating and exposes it as spans
/// into the body; labels are materialised only on request (<see cref="CopyLabels"/>), which the scrape
/// loop does only for series it has not cached.
/// </summary>
/// <remarks>
/// Any syntax error throws <see cref="ExpositionFormatException"/> naming the line and the cause; the
/// caller must then discard everything parsed from the body. Spans returned by the parser point into
/// the body and are valid only until the next call to <see cref="Next"/>.
/// </remarks>
public ref struct ExpositionParser
{
    private const int MaxQuotedInMessage = 80;

    private readonly ReadOnlySpan<byte> _body;
    private readonly bool _openMetrics;
    private readonly HashSet<ulong>? _familiesSeen;
    private int _pos;
    private int _lineNumber;
    private bool _eofSeen;

    private ReadOnlySpan<byte> _series;
    private ReadOnlySpan<byte> _name;
    private ReadOnlySpan<byte> _text;
    private ReadOnlySpan<byte> _exemplarLabels;
    private double _value;
    private long _timestampMs;
    private bool _hasTimestamp;
    private bool _hasExemplar;
    private double _exemplarValue;
    private long _exemplarTimestampMs;
    private bool _exemplarHasTimestamp;
    private ParsedMetricType _type;

    private ulong _familyHash;
    private bool _haveFamily;
    private byte _familyMetadataSeen;

    /// <param name="body">The complete, already decompressed response body.</param>
    /// <param name="format">Which grammar to apply.</param>
    /// <param name="familiesSeen">OpenMetrics only: a set the caller may reuse between scrapes (it is
    /// cleared here) to detect repeated metric families without allocating; one is created when null.</param>
    public ExpositionParser(ReadOnlySpan<byte> body, ExpositionFormat format, HashSet<ulong>? familiesSeen = null)
    {
        _body = body;
        _openMetrics = format == ExpositionFormat.OpenMetrics;
        if (_openMetrics)
        {
            _familiesSeen = familiesSeen ?? [];
            _familiesSeen.Clear();
        }
    }

    /// <summary>1-based number of the line of the current entry.</summary>
    public readonly int LineNumber => _lineNumber;

    /// <summary>The raw series identity of the current sample: metric name and label block exactly as
    /// written (for example <c>http_requests_total{code="200"}</c>). Stable across scrapes of the same
    /// target, so it keys the scrape cache.</summary>
    public readonly ReadOnlySpan<byte> SeriesBytes => _series;

    /// <summary>The metric name as written for Series, Type, Help and Unit entries (may be a quoted string).</summary>
    public readonly ReadOnlySpan<byte> RawMetricName => _name;

    public readonly double Value => _value;

    public readonly bool HasTimestamp => _hasTimestamp;

    /// <summary>The sample's timestamp in milliseconds when <see cref="HasTimestamp"/>.</summary>
    public readonly long TimestampMs => _timestampMs;

    /// <summary>The family type of a Type entry.</summary>
    public readonly ParsedMetricType MetricType => _type;

    /// <summary>OpenMetrics: whether the current sample carries an exemplar.</summary>
    public readonly bool HasExemplar => _hasExemplar;

    public readonly double ExemplarValue => _exemplarValue;

    public readonly bool ExemplarHasTimestamp => _exemplarHasTimestamp;

    public readonly long ExemplarTimestampMs => _exemplarTimestampMs;

    /// <summary>Advances to the next entry.</summary>
    /// <exception cref="ExpositionFormatException">The body is malformed at the next line.</exception>
    public ExpositionEntry Next()
    {
        _hasExemplar = false;
        _hasTimestamp = false;
        while (true)
        {
            if (_pos >= _body.Length)
            {
                if (_openMetrics && !_eofSeen)
                {
                    Fail(_lineNumber, "data does not end with # EOF");
                }
                return ExpositionEntry.End;
            }
            _lineNumber++;
            if (_eofSeen)
            {
                Fail(_lineNumber, "unexpected data after # EOF");
            }
            var rest = _body[_pos..];
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            _pos += newline < 0 ? rest.Length : newline + 1;

            if (_openMetrics)
            {
                if (line.IsEmpty)
                {
                    Fail(_lineNumber, "empty line (OpenMetrics does not allow blank lines)");
                }
                if (line[0] == (byte)'#')
                {
                    var entry = ParseOpenMetricsComment(line);
                    if (entry == ExpositionEntry.End)
                    {
                        continue;
                    }
                    return entry;
                }
                ParseSeries(line);
                return ExpositionEntry.Series;
            }

            var trimmed = line.TrimStart(" \t"u8);
            if (trimmed.IsEmpty)
            {
                continue;
            }
            if (trimmed[0] == (byte)'#')
            {
                return ParseTextComment(trimmed);
            }
            ParseSeries(trimmed);
            return ExpositionEntry.Series;
        }
    }

    /// <summary>
    /// Adds <c>__name__</c> and the labels of the current sample to <paramref name="builder"/>, unescaped
    /// and interned. Allocates only for strings not yet interned.
    /// </summary>
    /// <exception cref="ExpositionFormatException">A label name repeats or a string is not valid UTF-8.</exception>
    public readonly void CopyLabels(LabelSetBuilder builder)
    {
        var s = _series;
        var i = 0;
        if (s[0] != (byte)'{')
        {
            var nameEnd = ScanLegacyMetricName(s, 0);
            builder.Set(LabelNames.MetricName, DecodeInterned(s[..nameEnd], _lineNumber));
            i = nameEnd;
        }
        if (i >= s.Length)
        {
            return;
        }
        i++; // '{'
        while (true)
        {
            i = SkipBlanks(s, i);
            if (s[i] == (byte)'}')
            {
                return;
            }
            string name;
            if (s[i] == (byte)'"')
            {
                var end = ScanQuoted(s, i, _lineNumber);
                var quoted = UnescapeInterned(s[(i + 1)..(end - 1)], _lineNumber);
                i = SkipBlanks(s, end);
                if (s[i] != (byte)'=')
                {
                    builder.Set(LabelNames.MetricName, quoted);
                    if (s[i] == (byte)',')
                    {
                        i++;
                    }
                    continue;
                }
                name = quoted;
            }
            else
            {
                var end = ScanLegacyLabelName(s, i);
                name = DecodeInterned(s[i..end], _lineNumber);
                i = SkipBlanks(s, end);
            }
            i = SkipBlanks(s, i + 1); // '='
            var valueEnd = ScanQuoted(s, i, _lineNumber);
            var value = UnescapeInterned(s[(i + 1)..(valueEnd - 1)], _lineNumber);
            if (builder.Get(name).Length > 0)
            {
                Fail(_lineNumber, $"label name \"{name}\" is not unique");
            }
            builder.Set(name, value);
            i = SkipBlanks(s, valueEnd);
            if (s[i] == (byte)',')
            {
                i++;
            }
        }
    }

    /// <summary>The labels of the current sample's exemplar (OpenMetrics), unescaped.</summary>
    public readonly void CopyExemplarLabels(LabelSetBuilder builder)
    {
        var s = _exemplarLabels;
        var i = 1;
        while (i < s.Length && s[i] != (byte)'}')
        {
            if (s[i] == (byte)',')
            {
                i++;
                continue;
            }
            int nameEnd;
            string name;
            if (s[i] == (byte)'"')
            {
                nameEnd = ScanQuoted(s, i, _lineNumber);
                name = UnescapeInterned(s[(i + 1)..(nameEnd - 1)], _lineNumber);
            }
            else
            {
                nameEnd = ScanLegacyLabelName(s, i);
                name = DecodeInterned(s[i..nameEnd], _lineNumber);
            }
            var valueStart = nameEnd + 1;
            var valueEnd = ScanQuoted(s, valueStart, _lineNumber);
            builder.Set(name, UnescapeInterned(s[(valueStart + 1)..(valueEnd - 1)], _lineNumber));
            i = valueEnd;
        }
    }

    /// <summary>The metric name of the current entry as a string (quoted names unescaped).</summary>
    public readonly string MetricNameString()
    {
        if (!_name.IsEmpty && _name[0] == (byte)'"')
        {
            return UnescapeInterned(_name[1..^1], _lineNumber);
        }
        return DecodeInterned(_name, _lineNumber);
    }

    /// <summary>The help text of a Help entry, unescaped (<c>\\</c> and <c>\n</c>; OpenMetrics also <c>\"</c>,
    /// which the text format keeps as written, as Prometheus' parsers do).</summary>
    public readonly string HelpText() => Unescape(_text, _lineNumber, unescapeQuotes: _openMetrics);

    /// <summary>The text of a Help (still escaped), Unit or Comment entry as a span into the body, to compare
    /// with what was stored from an earlier scrape without allocating.</summary>
    public readonly ReadOnlySpan<byte> RawTextBytes => _text;

    /// <summary>Whether the body is parsed as OpenMetrics.</summary>
    public readonly bool IsOpenMetrics => _openMetrics;

    /// <summary>The unit of a Unit entry, or the text of a Comment entry.</summary>
    public readonly string RawText() => Encoding.UTF8.GetString(_text);

    private void ParseSeries(ReadOnlySpan<byte> line)
    {
        var i = 0;
        var hasName = false;
        if (line[0] != (byte)'{')
        {
            i = ScanLegacyMetricName(line, 0);
            if (i == 0)
            {
                Fail(_lineNumber, $"invalid metric name at start of {Quote(line)}");
            }
            hasName = true;
            _name = line[..i];
        }
        if (i < line.Length && line[i] == (byte)'{')
        {
            i = ScanLabelBlock(line, i, allowMetricName: true, ref hasName);
        }
        if (!hasName)
        {
            Fail(_lineNumber, $"metric name missing in {Quote(line)}");
        }
        _series = line[..i];

        // Separator, then the value.
        i = ExpectSeparator(line, i, "value");
        var valueEnd = TokenEnd(line, i);
        if (!GoFloatParser.TryParse(line[i..valueEnd], out _value))
        {
            Fail(_lineNumber, $"invalid sample value {Quote(line[i..valueEnd])}");
        }
        i = valueEnd;
        if (_openMetrics)
        {
            ParseOpenMetricsSampleTail(line, i);
            return;
        }
        i = SkipBlanks(line, i);
        if (i >= line.Length)
        {
            return;
        }
        var tsEnd = TokenEnd(line, i);
        if (!TryParseInt64(line[i..tsEnd], out _timestampMs))
        {
            Fail(_lineNumber, $"invalid timestamp {Quote(line[i..tsEnd])}");
        }
        _hasTimestamp = true;
        if (SkipBlanks(line, tsEnd) < line.Length)
        {
            Fail(_lineNumber, $"unexpected text after timestamp: {Quote(line[tsEnd..])}");
        }
    }

    private void ParseOpenMetricsSampleTail(ReadOnlySpan<byte> line, int i)
    {
        if (i >= line.Length)
        {
            return;
        }
        i = ExpectSeparator(line, i, "timestamp or exemplar");
        if (line[i] != (byte)'#')
        {
            var tsEnd = TokenEnd(line, i);
            _timestampMs = ParseOpenMetricsTimestamp(line[i..tsEnd]);
            _hasTimestamp = true;
            i = tsEnd;
            if (i >= line.Length)
            {
                return;
            }
            i = ExpectSeparator(line, i, "exemplar");
        }
        if (line[i] != (byte)'#' || i + 2 >= line.Length || line[i + 1] != (byte)' ' || line[i + 2] != (byte)'{')
        {
            Fail(_lineNumber, $"expected exemplar \"# {{...}} value\", got {Quote(line[i..])}");
        }
        var start = i + 2;
        var noName = false;
        var end = ScanLabelBlock(line, start, allowMetricName: false, ref noName);
        _exemplarLabels = line[start..end];
        i = ExpectSeparator(line, end, "exemplar value");
        var valueEnd = TokenEnd(line, i);
        if (!GoFloatParser.TryParse(line[i..valueEnd], out _exemplarValue))
        {
            Fail(_lineNumber, $"invalid exemplar value {Quote(line[i..valueEnd])}");
        }
        _hasExemplar = true;
        _exemplarHasTimestamp = false;
        if (valueEnd >= line.Length)
        {
            return;
        }
        i = ExpectSeparator(line, valueEnd, "exemplar timestamp");
        var tsEnd2 = TokenEnd(line, i);
        _exemplarTimestampMs = ParseOpenMetricsTimestamp(line[i..tsEnd2]);
        _exemplarHasTimestamp = true;
        if (tsEnd2 < line.Length)
        {
            Fail(_lineNumber, $"unexpected text after exemplar: {Quote(line[tsEnd2..])}");
        }
    }

    private readonly long ParseOpenMetricsTimestamp(ReadOnlySpan<byte> token)
    {
        if (!GoFloatParser.TryParse(token, out var seconds) || double.IsNaN(seconds) || double.IsInfinity(seconds) ||
            Math.Abs(seconds) > 9.2e15)
        {
            Fail(_lineNumber, $"invalid timestamp {Quote(token)}");
        }
        return (long)(seconds * 1000);
    }

    /// <summary>Scans <c>{...}</c> starting at the brace; returns the index after the closing brace.</summary>
    private int ScanLabelBlock(ReadOnlySpan<byte> line, int i, bool allowMetricName, ref bool hasName)
    {
        var blanks = !_openMetrics;
        i++;
        var first = true;
        while (true)
        {
            if (blanks)
            {
                i = SkipBlanks(line, i);
            }
            if (i >= line.Length)
            {
                Fail(_lineNumber, $"unterminated label set in {Quote(line)}");
            }
            if (line[i] == (byte)'}')
            {
                return i + 1;
            }
            if (line[i] == (byte)'"')
            {
                var end = ScanQuoted(line, i, _lineNumber);
                if (end - i == 2)
                {
                    Fail(_lineNumber, "empty quoted name");
                }
                var next = blanks ? SkipBlanks(line, end) : end;
                if (next < line.Length && line[next] != (byte)'=')
                {
                    // A quoted string not followed by '=' is the metric name (UTF-8 names, text 1.0.0).
                    if (!allowMetricName || hasName || !first)
                    {
                        Fail(_lineNumber, $"unexpected quoted string in label set of {Quote(line)}");
                    }
                    hasName = true;
                    _name = line[i..end];
                    i = AfterLabelPair(line, next);
                    first = false;
                    continue;
                }
                i = next;
            }
            else
            {
                var end = ScanLegacyLabelName(line, i);
                if (end == i)
                {
                    Fail(_lineNumber, $"invalid label name at {Quote(line[i..])}");
                }
                i = blanks ? SkipBlanks(line, end) : end;
            }
            if (i >= line.Length || line[i] != (byte)'=')
            {
                Fail(_lineNumber, $"expected '=' after label name in {Quote(line)}");
            }
            i++;
            if (blanks)
            {
                i = SkipBlanks(line, i);
            }
            if (i >= line.Length || line[i] != (byte)'"')
            {
                Fail(_lineNumber, $"expected quoted label value in {Quote(line)}");
            }
            i = ScanQuoted(line, i, _lineNumber);
            if (blanks)
            {
                i = SkipBlanks(line, i);
            }
            i = AfterLabelPair(line, i);
            first = false;
        }
    }

    private readonly int AfterLabelPair(ReadOnlySpan<byte> line, int i)
    {
        if (i < line.Length && line[i] == (byte)',')
        {
            return i + 1;
        }
        if (i < line.Length && line[i] == (byte)'}')
        {
            return i;
        }
        Fail(_lineNumber, $"expected ',' or '}}' in label set of {Quote(line)}");
        return i;
    }

    private readonly int ExpectSeparator(ReadOnlySpan<byte> line, int i, string what)
    {
        if (_openMetrics)
        {
            if (i >= line.Length || line[i] != (byte)' ' || i + 1 >= line.Length || line[i + 1] == (byte)' ')
            {
                Fail(_lineNumber, $"expected a single space and {what} in {Quote(line)}");
            }
            return i + 1;
        }
        var next = SkipBlanks(line, i);
        if (next == i || next >= line.Length)
        {
            Fail(_lineNumber, $"expected whitespace and {what} in {Quote(line)}");
        }
        return next;
    }

    private ExpositionEntry ParseTextComment(ReadOnlySpan<byte> line)
    {
        var i = SkipBlanks(line, 1);
        var rest = line[i..];
        var isHelp = rest.StartsWith("HELP"u8);
        var isType = rest.StartsWith("TYPE"u8);
        if (i == 1 || !(isHelp || isType) || (rest.Length > 4 && rest[4] is not ((byte)' ' or (byte)'\t')))
        {
            _text = line[1..];
            return ExpositionEntry.Comment;
        }
        var keyword = isHelp ? "HELP" : "TYPE";
        i = SkipBlanks(line, i + 4);
        var nameEnd = ScanNameToken(line, i);
        if (nameEnd == i)
        {
            Fail(_lineNumber, $"invalid metric name in {keyword} line {Quote(line)}");
        }
        _name = line[i..nameEnd];
        if (nameEnd < line.Length && line[nameEnd] is not ((byte)' ' or (byte)'\t'))
        {
            Fail(_lineNumber, $"invalid metric name in {keyword} line {Quote(line)}");
        }
        var textStart = SkipBlanks(line, nameEnd);
        if (isHelp)
        {
            _text = line[textStart..];
            return ExpositionEntry.Help;
        }
        var typeToken = line[textStart..].TrimEnd(" \t"u8);
        _type = typeToken switch
        {
            _ when typeToken.SequenceEqual("counter"u8) => ParsedMetricType.Counter,
            _ when typeToken.SequenceEqual("gauge"u8) => ParsedMetricType.Gauge,
            _ when typeToken.SequenceEqual("histogram"u8) => ParsedMetricType.Histogram,
            _ when typeToken.SequenceEqual("summary"u8) => ParsedMetricType.Summary,
            _ when typeToken.SequenceEqual("untyped"u8) => ParsedMetricType.Unknown,
            _ => FailType(typeToken),
        };
        return ExpositionEntry.Type;
    }

    private ExpositionEntry ParseOpenMetricsComment(ReadOnlySpan<byte> line)
    {
        if (line.SequenceEqual("# EOF"u8))
        {
            _eofSeen = true;
            return ExpositionEntry.End;
        }
        ExpositionEntry kind;
        byte flag;
        if (line.StartsWith("# HELP "u8))
        {
            kind = ExpositionEntry.Help;
            flag = 1;
        }
        else if (line.StartsWith("# TYPE "u8))
        {
            kind = ExpositionEntry.Type;
            flag = 2;
        }
        else if (line.StartsWith("# UNIT "u8))
        {
            kind = ExpositionEntry.Unit;
            flag = 4;
        }
        else
        {
            Fail(_lineNumber, $"invalid comment {Quote(line)}: OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF");
            return ExpositionEntry.End;
        }
        var i = 7;
        var nameEnd = ScanNameToken(line, i);
        if (nameEnd == i || (nameEnd < line.Length && line[nameEnd] != (byte)' '))
        {
            Fail(_lineNumber, $"invalid metric name in {Quote(line)}");
        }
        _name = line[i..nameEnd];
        TrackFamily(_name, flag);
        _text = nameEnd < line.Length ? line[(nameEnd + 1)..] : [];
        switch (kind)
        {
            case ExpositionEntry.Type:
                _type = _text switch
                {
                    _ when _text.SequenceEqual("counter"u8) => ParsedMetricType.Counter,
                    _ when _text.SequenceEqual("gauge"u8) => ParsedMetricType.Gauge,
                    _ when _text.SequenceEqual("histogram"u8) => ParsedMetricType.Histogram,
                    _ when _text.SequenceEqual("gaugehistogram"u8) => ParsedMetricType.GaugeHistogram,
                    _ when _text.SequenceEqual("summary"u8) => ParsedMetricType.Summary,
                    _ when _text.SequenceEqual("info"u8) => ParsedMetricType.Info,
                    _ when _text.SequenceEqual("stateset"u8) => ParsedMetricType.StateSet,
                    _ when _text.SequenceEqual("unknown"u8) => ParsedMetricType.Unknown,
                    _ => FailType(_text),
                };
                break;
            case ExpositionEntry.Unit:
                if (!_text.IsEmpty)
                {
                    var bareName = _name[0] == (byte)'"' ? _name[1..^1] : _name;
                    if (!bareName.EndsWith(_text) || bareName.Length <= _text.Length ||
                        bareName[bareName.Length - _text.Length - 1] != (byte)'_')
                    {
                        Fail(_lineNumber, $"unit {Quote(_text)} is not a suffix of metric {Quote(_name)}");
                    }
                }
                break;
        }
        return kind;
    }

    /// <summary>OpenMetrics: a metric family's metadata appears once, and a family never reappears after another began.</summary>
    private void TrackFamily(ReadOnlySpan<byte> name, byte flag)
    {
        var hash = Fnv1a(name);
        if (!_haveFamily || hash != _familyHash)
        {
            if (!_familiesSeen!.Add(hash))
            {
                Fail(_lineNumber, $"duplicate metric family {Quote(name)}: its metadata appeared earlier in the body");
            }
            _familyHash = hash;
            _haveFamily = true;
            _familyMetadataSeen = 0;
        }
        if ((_familyMetadataSeen & flag) != 0)
        {
            var keyword = flag switch { 1 => "HELP", 2 => "TYPE", _ => "UNIT" };
            Fail(_lineNumber, $"second {keyword} line for metric family {Quote(name)}");
        }
        _familyMetadataSeen |= flag;
    }

    private readonly ParsedMetricType FailType(ReadOnlySpan<byte> token)
    {
        Fail(_lineNumber, $"invalid metric type {Quote(token)}");
        return ParsedMetricType.Unknown;
    }

    private static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>A metric name in a HELP/TYPE/UNIT line: legacy characters or a quoted string.</summary>
    private readonly int ScanNameToken(ReadOnlySpan<byte> line, int i)
    {
        if (i < line.Length && line[i] == (byte)'"')
        {
            var end = ScanQuoted(line, i, _lineNumber);
            return end - i == 2 ? i : end;
        }
        return ScanLegacyMetricName(line, i);
    }

    private static int ScanLegacyMetricName(ReadOnlySpan<byte> s, int i)
    {
        var start = i;
        while (i < s.Length)
        {
            var c = s[i];
            var ok = c is (byte)'_' or (byte)':' or >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' ||
                     (i > start && c is >= (byte)'0' and <= (byte)'9');
            if (!ok)
            {
                break;
            }
            i++;
        }
        return i;
    }

    private static int ScanLegacyLabelName(ReadOnlySpan<byte> s, int i)
    {
        var start = i;
        while (i < s.Length)
        {
            var c = s[i];
            var ok = c is (byte)'_' or >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' ||
                     (i > start && c is >= (byte)'0' and <= (byte)'9');
            if (!ok)
            {
                break;
            }
            i++;
        }
        return i;
    }

    /// <summary>Scans a double-quoted string starting at its opening quote; returns the index after the closing quote.</summary>
    private static int ScanQuoted(ReadOnlySpan<byte> s, int i, int lineNumber)
    {
        i++;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == (byte)'\\')
            {
                i += 2;
                continue;
            }
            if (c == (byte)'"')
            {
                return i + 1;
            }
            i++;
        }
        Fail(lineNumber, "unterminated quoted string");
        return i;
    }

    private static int SkipBlanks(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }
        return i;
    }

    private static int TokenEnd(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && s[i] is not ((byte)' ' or (byte)'\t'))
        {
            i++;
        }
        return i;
    }

    private static bool TryParseInt64(ReadOnlySpan<byte> token, out long value)
    {
        value = 0;
        if (token.IsEmpty || token.Length > 20)
        {
            return false;
        }
        var negative = token[0] == (byte)'-';
        var i = token[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (i == token.Length)
        {
            return false;
        }
        ulong acc = 0;
        for (; i < token.Length; i++)
        {
            var d = token[i] - (byte)'0';
            if (d is < 0 or > 9)
            {
                return false;
            }
            acc = (acc * 10) + (ulong)d;
            if (acc > (ulong)long.MaxValue + 1)
            {
                return false;
            }
        }
        if (!negative && acc > long.MaxValue)
        {
            return false;
        }
        value = negative ? (long)(0 - acc) : (long)acc;
        return true;
    }

    private static string DecodeInterned(ReadOnlySpan<byte> utf8, int lineNumber)
    {
        var rented = utf8.Length > 256 ? ArrayPool<char>.Shared.Rent(utf8.Length) : null;
        try
        {
            Span<char> chars = rented ?? stackalloc char[256];
            if (System.Text.Unicode.Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false) !=
                OperationStatus.Done)
            {
                Fail(lineNumber, $"invalid UTF-8 in {Quote(utf8)}");
            }
            return LabelStrings.Intern(chars[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Unescapes the inside of a quoted string (<c>\\</c>, <c>\"</c>, <c>\n</c>; other escapes stay as written) and interns it.</summary>
    private static string UnescapeInterned(ReadOnlySpan<byte> inner, int lineNumber)
    {
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return DecodeInterned(inner, lineNumber);
        }
        var rented = ArrayPool<byte>.Shared.Rent(inner.Length);
        try
        {
            var n = UnescapeInto(inner, rented);
            return DecodeInterned(rented.AsSpan(0, n), lineNumber);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string Unescape(ReadOnlySpan<byte> text, int lineNumber, bool unescapeQuotes)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            var n = UnescapeInto(text, rented, unescapeQuotes);
            var bytes = rented.AsSpan(0, n);
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                Fail(lineNumber, "invalid UTF-8 in help text");
            }
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int UnescapeInto(ReadOnlySpan<byte> source, Span<byte> target, bool unescapeQuotes = true)
    {
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == (byte)'\\' && i + 1 < source.Length)
            {
                var e = source[i + 1];
                switch (e)
                {
                    case (byte)'\\':
                    case (byte)'"' when unescapeQuotes:
                        target[n++] = e;
                        i++;
                        continue;
                    case (byte)'n':
                        target[n++] = (byte)'\n';
                        i++;
                        continue;
                }
            }
            target[n++] = c;
        }
        return n;
    }

    private static string Quote(ReadOnlySpan<byte> bytes)
    {
        var cut = bytes.Length > MaxQuotedInMessage ? bytes[..MaxQuotedInMessage] : bytes;
        var text = Encoding.UTF8.GetString(cut);
        return "\"" + text + (cut.Length < bytes.Length ? "…" : string.Empty) + "\"";
    }

    [DoesNotReturn]
    private static void Fail(int line, string cause) => throw new ExpositionFormatException(line, cause);
}
