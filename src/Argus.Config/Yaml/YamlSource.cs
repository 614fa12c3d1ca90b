using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Argus.Config.Yaml;

/// <summary>
/// One parsed YAML file plus the conversions every strict configuration reader needs. Errors are
/// <see cref="ConfigException"/>s that name the file, line and column of the offending node.
/// </summary>
/// <remarks>
/// Semantics follow Go's yaml.v2 as Prometheus and Alertmanager use it: an empty or <c>null</c>
/// value means "unset" (the field keeps its default), a key given twice in one mapping is an error,
/// anchors and aliases are resolved, <c>&lt;&lt;</c> merge keys are honoured, and <c>!!binary</c>
/// scalars are decoded and must be valid UTF-8 where text is expected. Immutable once parsed;
/// safe to share between threads.
/// </remarks>
public sealed class YamlSource
{
    private const string BinaryTag = "tag:yaml.org,2002:binary";
    private const string StringTag = "tag:yaml.org,2002:str";
    private const string NullTag = "tag:yaml.org,2002:null";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private YamlSource(string fileName, string text, YamlNode? root)
    {
        FileName = fileName;
        Text = text;
        Root = root;
    }

    /// <summary>The file name used in error messages (as given by the caller).</summary>
    public string FileName { get; }

    /// <summary>The text the file was parsed from.</summary>
    public string Text { get; }

    /// <summary>The first document's root node, or null when the file is empty or only <c>null</c>.</summary>
    public YamlNode? Root { get; }

    /// <summary>Parses <paramref name="text"/>; a syntax error becomes a <see cref="ConfigException"/>
    /// naming <paramref name="fileName"/> and the place. Only the first document is used; a file
    /// holding more than one document is an error, as in yaml.v2's strict mode.</summary>
    public static YamlSource Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            var column = (int)e.Start.Column;
            var message = e.Message;
            if (e.InnerException is ArgumentException && message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
            {
                message = "mapping key already defined";
            }
            throw new ConfigException($"{fileName}:{line}:{column}: yaml: {message}", e)
            {
                FileName = fileName,
                Line = line,
                Column = column,
            };
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports a few malformed inputs (e.g. an unterminated flow collection at
            // the end of the text) without a position.
            throw new ConfigException($"{fileName}: yaml: {e.Message}", e) { FileName = fileName };
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigException($"{fileName}:{second.Start.Line}:{second.Start.Column}: yaml: expected a single document in the file")
            {
                FileName = fileName,
                Line = (int)second.Start.Line,
                Column = (int)second.Start.Column,
            };
        }
        YamlNode? root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is not null && IsNull(root))
        {
            root = null;
        }
        return new YamlSource(fileName, text, root);
    }

    /// <summary>True when <paramref name="node"/> is YAML null: empty, <c>~</c> or <c>null</c>, untagged
    /// and unquoted (or explicitly tagged <c>!!null</c>).</summary>
    public static bool IsNull(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            return false;
        }
        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value == NullTag;
        }
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return false;
        }
        return scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
    }

    /// <summary>An error at <paramref name="node"/>'s start: <c>file:line:col: message</c>.</summary>
    public ConfigException Error(YamlNode node, string message) => Error(node.Start, message);

    /// <summary>An error at <paramref name="mark"/>: <c>file:line:col: message</c>.</summary>
    public ConfigException Error(Mark mark, string message) =>
        new($"{FileName}:{mark.Line}:{mark.Column}: {message}")
        {
            FileName = FileName,
            Line = (int)mark.Line,
            Column = (int)mark.Column,
        };

    /// <summary>An error that concerns the file as a whole (no particular node).</summary>
    public ConfigException FileError(string message) => new($"{FileName}: {message}") { FileName = FileName };

    /// <summary>Reads <paramref name="node"/> as a strict mapping of the named Go-style type.</summary>
    public YamlMap Map(YamlNode node, string typeName)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(this, mapping, typeName);
        }
        throw Error(node, $"cannot unmarshal {Describe(node)} into {typeName}");
    }

    /// <summary>The elements of a sequence node; a null node is an empty list.</summary>
    public IReadOnlyList<YamlNode> Sequence(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return [];
        }
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children.ToList();
        }
        throw Error(node, $"cannot unmarshal {Describe(node)} into {what}");
    }

    /// <summary>Text of a scalar (any plain, quoted or block scalar; numbers and booleans as
    /// written). <c>!!binary</c> scalars are decoded and must be valid UTF-8.</summary>
    public string String(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(node, $"cannot unmarshal {Describe(node)} into string");
        }
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value == BinaryTag)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(RemoveWhitespace(scalar.Value ?? string.Empty));
            }
            catch (FormatException)
            {
                throw Error(node, "!!binary value contains invalid base64 data");
            }
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Error(node, "invalid UTF-8 in string value");
            }
        }
        if (IsNull(scalar))
        {
            return string.Empty;
        }
        return scalar.Value ?? string.Empty;
    }

    /// <summary>A YAML 1.1 boolean as yaml.v2 accepts it (true/false, yes/no, on/off, y/n).</summary>
    public bool Bool(YamlNode node)
    {
        var text = ScalarText(node, "bool");
        switch (text)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return false;
            default:
                throw Error(node, $"cannot unmarshal !!str `{Shorten(text)}` into bool");
        }
    }

    /// <summary>A signed integer: decimal, <c>0x</c> hex, <c>0o</c>/leading-zero octal, <c>0b</c>
    /// binary, optional <c>_</c> separators.</summary>
    public long Int64(YamlNode node, string typeName = "int")
    {
        var text = ScalarText(node, typeName);
        if (!TryParseInteger(text, out var value))
        {
            throw Error(node, $"cannot unmarshal {Describe(node)} into {typeName}");
        }
        return value;
    }

    /// <summary>An integer that must fit <see cref="int"/>.</summary>
    public int Int32(YamlNode node, string typeName = "int")
    {
        var value = Int64(node, typeName);
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Error(node, $"cannot unmarshal {Describe(node)} into {typeName}: out of range");
        }
        return (int)value;
    }

    /// <summary>A non-negative integer (Go's uint / uint64 fields).</summary>
    public ulong UInt64(YamlNode node, string typeName = "uint")
    {
        var text = ScalarText(node, typeName);
        if (ulong.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var direct))
        {
            return direct;
        }
        if (!TryParseInteger(text, out var value) || value < 0)
        {
            throw Error(node, $"cannot unmarshal {Describe(node)} into {typeName}");
        }
        return (ulong)value;
    }

    /// <summary>A floating-point number (also <c>.inf</c>, <c>-.inf</c>, <c>.nan</c>).</summary>
    public double Double(YamlNode node, string typeName = "float64")
    {
        var text = ScalarText(node, typeName);
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }
        if (TryParseInteger(text, out var integer))
        {
            return integer;
        }
        if (text.Length > 0 && (char.IsAsciiDigit(text[^1]) || text[^1] == '.')
            && double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        throw Error(node, $"cannot unmarshal {Describe(node)} into {typeName}");
    }

    /// <summary>A Prometheus duration (<c>1m30s</c>, <c>2w</c>, <c>0</c>) in milliseconds.</summary>
    public TimeSpan Duration(YamlNode node)
    {
        var text = ScalarText(node, "model.Duration");
        if (!Argus.Model.Time.PromDuration.TryParse(text, out var value, out var error))
        {
            throw Error(node, error ?? $"not a valid duration string: \"{text}\"");
        }
        return value;
    }

    /// <summary>A byte size such as <c>512MB</c> (1024-based).</summary>
    public ByteSize Size(YamlNode node)
    {
        var text = ScalarText(node, "units.Base2Bytes");
        if (!ByteSize.TryParse(text, out var value, out var error))
        {
            throw Error(node, error!);
        }
        return value;
    }

    /// <summary>A secret value; never printed.</summary>
    public Secret Secret(YamlNode node) => new(String(node));

    /// <summary>A URL; must be absolute (scheme and host) unless <paramref name="requireAbsolute"/> is false.</summary>
    public ConfigUrl Url(YamlNode node, bool requireAbsolute = true)
    {
        var text = String(node);
        if (!ConfigUrl.TryParse(text, requireAbsolute, out var url, out var error))
        {
            throw Error(node, error!);
        }
        return url;
    }

    /// <summary>An RE2 regular expression, fully anchored as Prometheus' relabel and matcher regexes are.</summary>
    public ConfigRegex Regex(YamlNode node)
    {
        var text = String(node);
        if (!ConfigRegex.TryCreate(text, out var regex, out var error))
        {
            throw Error(node, error!);
        }
        return regex;
    }

    /// <summary>A label name valid under the legacy rule (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>) or, when
    /// <paramref name="allowUtf8"/>, any non-empty valid UTF-8 string.</summary>
    public string LabelName(YamlNode node, bool allowUtf8 = true)
    {
        var text = String(node);
        var ok = allowUtf8 ? Argus.Model.Labels.LabelNames.IsValidUtf8Name(text) : Argus.Model.Labels.LabelNames.IsValidLegacyName(text);
        if (!ok)
        {
            throw Error(node, $"\"{text}\" is not a valid label name");
        }
        return text;
    }

    /// <summary>A list of scalars as strings; null is an empty list.</summary>
    public IReadOnlyList<string> StringList(YamlNode node) =>
        Sequence(node, "[]string").Select(String).ToList();

    /// <summary>A mapping of scalars to scalars; a repeated key is an error. Null is an empty map.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> StringMap(YamlNode node, string typeName = "map[string]string")
    {
        if (IsNull(node))
        {
            return [];
        }
        var map = Map(node, typeName);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in map.Entries)
        {
            result.Add(new(String(key), IsNull(value) ? string.Empty : String(value)));
        }
        map.MarkAllRead();
        return result;
    }

    /// <summary>Text of a scalar that must not be a mapping or sequence.</summary>
    public string ScalarText(YamlNode node, string typeName)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(node, $"cannot unmarshal {Describe(node)} into {typeName}");
        }
        return String(scalar);
    }

    /// <summary>Go-yaml-style description of a node for "cannot unmarshal X into T" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "!!map",
        YamlSequenceNode => "!!seq",
        YamlScalarNode s when IsNull(s) => "!!null",
        YamlScalarNode s => $"{ScalarKind(s)} `{Shorten(s.Value ?? string.Empty)}`",
        _ => "node",
    };

    private static string ScalarKind(YamlScalarNode scalar)
    {
        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal)
                ? "!!" + scalar.Tag.Value["tag:yaml.org,2002:".Length..]
                : scalar.Tag.Value;
        }
        if (scalar.Style != ScalarStyle.Plain)
        {
            return "!!str";
        }
        var text = scalar.Value ?? string.Empty;
        if (TryParseInteger(text, out _))
        {
            return "!!int";
        }
        if (text is "true" or "false" or "True" or "False" or "TRUE" or "FALSE")
        {
            return "!!bool";
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return "!!float";
        }
        return "!!str";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static string RemoveWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var span = text.Replace("_", string.Empty, StringComparison.Ordinal).AsSpan();
        if (span.IsEmpty)
        {
            return false;
        }
        var negative = false;
        if (span[0] is '+' or '-')
        {
            negative = span[0] == '-';
            span = span[1..];
        }
        if (span.IsEmpty)
        {
            return false;
        }
        ulong magnitude;
        bool ok;
        if (span.StartsWith("0x") || span.StartsWith("0X"))
        {
            ok = ulong.TryParse(span[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude);
        }
        else if (span.StartsWith("0b"))
        {
            ok = ulong.TryParse(span[2..], NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out magnitude);
        }
        else if (span.StartsWith("0o") || (span.Length > 1 && span[0] == '0'))
        {
            ok = TryParseOctal(span[0] == '0' && span.Length > 1 && span[1] == 'o' ? span[2..] : span[1..], out magnitude);
        }
        else
        {
            ok = ulong.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        }
        if (!ok)
        {
            return false;
        }
        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }
            value = (long)(0 - magnitude);
            return true;
        }
        if (magnitude > long.MaxValue)
        {
            return false;
        }
        value = (long)magnitude;
        return true;
    }

    private static bool TryParseOctal(ReadOnlySpan<char> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (c is < '0' or > '7' || value > (ulong.MaxValue >> 3))
            {
                return false;
            }
            value = (value << 3) | (uint)(c - '0');
        }
        return true;
    }
}
