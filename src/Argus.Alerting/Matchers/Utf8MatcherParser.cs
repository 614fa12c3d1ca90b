using System.Globalization;
using System.Text;
using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Matchers;

/// <summary>
/// Alertmanager's UTF-8 matchers syntax (0.27+): <c>{name op value, ...}</c> with optional braces and
/// an optional trailing comma. Names and values are either unquoted runs of characters that are
/// neither white space nor one of <c>{}!=~,\"'`</c>, or double-quoted strings with Go escapes
/// (<c>\n</c>, <c>\"</c>, <c>\u00e9</c>, ...). Names may therefore be any UTF-8 text.
/// Errors name the 0-based character offset at which they occur.
/// </summary>
internal sealed class Utf8MatcherParser
{
    private const string Reserved = "{}!=~,\\\"'`";

    private readonly string _input;
    private int _pos;

    private Utf8MatcherParser(string input) => _input = input;

    public static IReadOnlyList<LabelMatcher> Parse(string input) => new Utf8MatcherParser(input).ParseAll();

    private IReadOnlyList<LabelMatcher> ParseAll()
    {
        var result = new List<LabelMatcher>();
        SkipSpace();
        var braced = Peek() == '{';
        if (braced)
        {
            _pos++;
        }
        while (true)
        {
            SkipSpace();
            if (AtEnd)
            {
                if (braced)
                {
                    throw Error("missing closing '}'");
                }
                return result;
            }
            if (Peek() == '}')
            {
                if (!braced)
                {
                    throw Error("unexpected '}': no opening '{'");
                }
                _pos++;
                SkipSpace();
                if (!AtEnd)
                {
                    throw Error($"unexpected input after closing '}}': {_input[_pos..]}");
                }
                return result;
            }
            result.Add(ParseMatcher());
            SkipSpace();
            if (AtEnd || Peek() == '}')
            {
                continue;
            }
            if (Peek() != ',')
            {
                throw Error($"expected ',' or '}}' but found {Describe()}");
            }
            _pos++;
        }
    }

    private LabelMatcher ParseMatcher()
    {
        var start = _pos;
        var name = ReadText("label name");
        SkipSpace();
        var type = ReadOperator();
        SkipSpace();
        var value = ReadText("label value");
        if (name.Length == 0)
        {
            throw new MatcherParseException($"{start}: label name must not be empty");
        }
        return MatcherParser.Create(type, name, value, _input[start.._pos]);
    }

    private MatchType ReadOperator()
    {
        var c = Peek();
        var next = _pos + 1 < _input.Length ? _input[_pos + 1] : '\0';
        switch (c)
        {
            case '=' when next == '~':
                _pos += 2;
                return MatchType.Regex;
            case '=':
                _pos += 1;
                return MatchType.Equal;
            case '!' when next == '=':
                _pos += 2;
                return MatchType.NotEqual;
            case '!' when next == '~':
                _pos += 2;
                return MatchType.NotRegex;
            default:
                throw Error($"expected an operator (=, !=, =~, !~) but found {Describe()}");
        }
    }

    private string ReadText(string what)
    {
        if (AtEnd)
        {
            throw Error($"expected {what} but reached the end of the input");
        }
        if (Peek() == '"')
        {
            return ReadQuoted();
        }
        var start = _pos;
        while (!AtEnd && !IsReserved(_input[_pos]))
        {
            _pos++;
        }
        if (_pos == start)
        {
            throw Error($"expected {what} but found {Describe()}");
        }
        return _input[start.._pos];
    }

    /// <summary>Reads a double-quoted string and resolves Go escapes (strconv.Unquote rules). As in Go,
    /// <c>\x</c> and octal escapes produce bytes, so <c>"\xf0\x9f\x99\x82"</c> is one emoji; the
    /// resulting bytes must be valid UTF-8.</summary>
    private string ReadQuoted()
    {
        var start = _pos;
        _pos++;
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (AtEnd)
            {
                throw new MatcherParseException($"{start}: quoted string is missing its closing quote: {_input[start..]}");
            }
            var c = _input[_pos++];
            if (c == '"')
            {
                break;
            }
            if (c == '\n')
            {
                throw new MatcherParseException($"{_pos - 1}: newline inside a quoted string; use \\n");
            }
            if (c != '\\')
            {
                if (char.IsHighSurrogate(c) && !AtEnd && char.IsLowSurrogate(_input[_pos]))
                {
                    AppendRune(bytes, utf8, new Rune(c, _input[_pos++]));
                }
                else
                {
                    AppendRune(bytes, utf8, new Rune(char.IsSurrogate(c) ? '\uFFFD' : c));
                }
                continue;
            }
            if (AtEnd)
            {
                throw new MatcherParseException($"{start}: quoted string is missing its closing quote: {_input[start..]}");
            }
            var e = _input[_pos++];
            switch (e)
            {
                case 'a': bytes.Add(0x07); break;
                case 'b': bytes.Add(0x08); break;
                case 'f': bytes.Add(0x0c); break;
                case 'n': bytes.Add(0x0a); break;
                case 'r': bytes.Add(0x0d); break;
                case 't': bytes.Add(0x09); break;
                case 'v': bytes.Add(0x0b); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case 'x': bytes.Add((byte)ReadHex(2)); break;
                case 'u': AppendRune(bytes, utf8, CodePoint(ReadHex(4))); break;
                case 'U': AppendRune(bytes, utf8, CodePoint(ReadHex(8))); break;
                case >= '0' and <= '7':
                    {
                        _pos--;
                        var digits = _pos + 3 <= _input.Length ? _input.Substring(_pos, 3) : string.Empty;
                        if (digits.Length != 3 || digits.Any(d => d < '0' || d > '7'))
                        {
                            throw Error("invalid octal escape in quoted string");
                        }
                        var v = Convert.ToInt32(digits, 8);
                        if (v > 255)
                        {
                            throw Error("octal escape out of range in quoted string");
                        }
                        bytes.Add((byte)v);
                        _pos += 3;
                        break;
                    }
                default:
                    throw new MatcherParseException($"{_pos - 2}: invalid escape sequence \\{e} in quoted string {_input[start..]}");
            }
        }
        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new MatcherParseException($"{start}: {_input[start.._pos]}: invalid input: not valid UTF-8");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static void AppendRune(List<byte> bytes, Span<byte> scratch, Rune rune)
    {
        var n = rune.EncodeToUtf8(scratch);
        for (var i = 0; i < n; i++)
        {
            bytes.Add(scratch[i]);
        }
    }

    private int ReadHex(int digits)
    {
        if (_pos + digits > _input.Length ||
            !int.TryParse(_input.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("invalid hexadecimal escape in quoted string");
        }
        _pos += digits;
        return value;
    }

    private Rune CodePoint(int codePoint) =>
        Rune.IsValid(codePoint) ? new Rune(codePoint) : throw Error("invalid Unicode code point in quoted string");

    private static bool IsReserved(char c) => char.IsWhiteSpace(c) || Reserved.Contains(c, StringComparison.Ordinal);

    private bool AtEnd => _pos >= _input.Length;

    private char Peek() => AtEnd ? '\0' : _input[_pos];

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_input[_pos]))
        {
            _pos++;
        }
    }

    private string Describe() => AtEnd ? "end of input" : $"'{_input[_pos]}'";

    private MatcherParseException Error(string message) => new($"{_pos}: {message}");
}
