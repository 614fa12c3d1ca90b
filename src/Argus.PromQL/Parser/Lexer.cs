using System.Globalization;
using System.Text;
using Argus.Model.Time;

namespace Argus.PromQL.Parser;

/// <summary>Turns a PromQL query into tokens. Comments (<c>#</c> to end of line) and blanks are skipped.</summary>
internal sealed class Lexer(string input)
{
    private readonly string _input = input;
    private int _pos;

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var t = Next();
            tokens.Add(t);
            if (t.Kind == TokenKind.Eof)
            {
                return tokens;
            }
        }
    }

    private PromqlParseException Error(int position, string message) => new(_input, position, message);

    private Token Next()
    {
        SkipBlanks();
        if (_pos >= _input.Length)
        {
            return new Token(TokenKind.Eof, _pos, string.Empty);
        }
        var start = _pos;
        var c = _input[_pos];
        switch (c)
        {
            case '(': _pos++; return new Token(TokenKind.LeftParen, start, "(");
            case ')': _pos++; return new Token(TokenKind.RightParen, start, ")");
            case '{': _pos++; return new Token(TokenKind.LeftBrace, start, "{");
            case '}': _pos++; return new Token(TokenKind.RightBrace, start, "}");
            case '[': _pos++; return new Token(TokenKind.LeftBracket, start, "[");
            case ']': _pos++; return new Token(TokenKind.RightBracket, start, "]");
            case ',': _pos++; return new Token(TokenKind.Comma, start, ",");
            case ':': _pos++; return new Token(TokenKind.Colon, start, ":");
            case '+': _pos++; return new Token(TokenKind.Add, start, "+");
            case '-': _pos++; return new Token(TokenKind.Sub, start, "-");
            case '*': _pos++; return new Token(TokenKind.Mul, start, "*");
            case '/': _pos++; return new Token(TokenKind.Div, start, "/");
            case '%': _pos++; return new Token(TokenKind.Mod, start, "%");
            case '^': _pos++; return new Token(TokenKind.Pow, start, "^");
            case '@': _pos++; return new Token(TokenKind.At, start, "@");
            case '=':
                _pos++;
                if (Peek('=')) { _pos++; return new Token(TokenKind.Eql, start, "=="); }
                if (Peek('~')) { _pos++; return new Token(TokenKind.EqlRegex, start, "=~"); }
                return new Token(TokenKind.Assign, start, "=");
            case '!':
                _pos++;
                if (Peek('=')) { _pos++; return new Token(TokenKind.Neq, start, "!="); }
                if (Peek('~')) { _pos++; return new Token(TokenKind.NeqRegex, start, "!~"); }
                throw Error(start, "unexpected character after '!': " + (_pos < _input.Length ? Quote(_input[_pos]) : "end of input"));
            case '<':
                _pos++;
                if (Peek('=')) { _pos++; return new Token(TokenKind.Lte, start, "<="); }
                if (Peek('/')) { _pos++; return new Token(TokenKind.TrimUpper, start, "</"); }
                return new Token(TokenKind.Lss, start, "<");
            case '>':
                _pos++;
                if (Peek('=')) { _pos++; return new Token(TokenKind.Gte, start, ">="); }
                if (Peek('/')) { _pos++; return new Token(TokenKind.TrimLower, start, ">/"); }
                return new Token(TokenKind.Gtr, start, ">");
            case '"' or '\'' or '`':
                return LexString();
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _input.Length && char.IsAsciiDigit(_input[_pos + 1])))
        {
            return LexNumberOrDuration();
        }
        if (IsIdentStart(c))
        {
            while (_pos < _input.Length && IsIdentChar(_input[_pos]))
            {
                _pos++;
            }
            var text = _input[start.._pos];
            if (text.Equals("inf", StringComparison.OrdinalIgnoreCase))
            {
                return new Token(TokenKind.Number, start, text, double.PositiveInfinity);
            }
            if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
            {
                return new Token(TokenKind.Number, start, text, double.NaN);
            }
            // Keywords and aggregation operators are case-insensitive in PromQL; function and metric names are not.
            var lower = text.ToLowerInvariant();
            if (lower != text && (IsKeyword(lower) || Ast.AggregateOps.TryParse(lower, out _)))
            {
                text = lower;
            }
            return new Token(TokenKind.Identifier, start, text);
        }
        throw Error(start, "unexpected character: " + Quote(c));
    }

    private static bool IsKeyword(string s) => s is "and" or "or" or "unless" or "atan2" or "by" or "without" or "on" or "ignoring"
        or "group_left" or "group_right" or "bool" or "offset" or "start" or "end";

    private static string Quote(char c) => "'" + c + "'";

    private bool Peek(char c) => _pos < _input.Length && _input[_pos] == c;

    private void SkipBlanks()
    {
        while (_pos < _input.Length)
        {
            var c = _input[_pos];
            if (c == '#')
            {
                while (_pos < _input.Length && _input[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    public static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c == ':';

    public static bool IsIdentChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == ':';

    private Token LexNumberOrDuration()
    {
        var start = _pos;
        // A duration is digits immediately followed by a unit letter, possibly repeated (1h30m).
        var p = _pos;
        while (p < _input.Length && char.IsAsciiDigit(_input[p]))
        {
            p++;
        }
        if (p < _input.Length && p > start && IsDurationUnitStart(_input, p))
        {
            var end = p;
            while (end < _input.Length && (char.IsAsciiLetterOrDigit(_input[end])))
            {
                end++;
            }
            var text = _input[start..end];
            if (!PromDuration.TryParseMilliseconds(text, out var ms, out _))
            {
                throw Error(start, $"bad number or duration syntax: \"{text}\"");
            }
            _pos = end;
            return new Token(TokenKind.Duration, start, text, ms / 1000.0, ms);
        }
        if (_input[_pos] == '0' && _pos + 1 < _input.Length && (_input[_pos + 1] == 'x' || _input[_pos + 1] == 'X'))
        {
            p = _pos + 2;
            while (p < _input.Length && (char.IsAsciiHexDigit(_input[p]) || _input[p] == '_'))
            {
                p++;
            }
            var hex = _input[(_pos + 2)..p].Replace("_", string.Empty, StringComparison.Ordinal);
            if (hex.Length == 0 || (p < _input.Length && IsIdentChar(_input[p])))
            {
                throw Error(start, $"bad number or duration syntax: \"{_input[start..Math.Min(p + 1, _input.Length)]}\"");
            }
            _pos = p;
            return new Token(TokenKind.Number, start, _input[start..p], (double)ulong.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }
        p = _pos;
        while (p < _input.Length && (char.IsAsciiDigit(_input[p]) || _input[p] == '_'))
        {
            p++;
        }
        if (p < _input.Length && _input[p] == '.')
        {
            p++;
            while (p < _input.Length && (char.IsAsciiDigit(_input[p]) || _input[p] == '_'))
            {
                p++;
            }
        }
        if (p < _input.Length && (_input[p] == 'e' || _input[p] == 'E'))
        {
            var q = p + 1;
            if (q < _input.Length && (_input[q] == '+' || _input[q] == '-'))
            {
                q++;
            }
            if (q < _input.Length && char.IsAsciiDigit(_input[q]))
            {
                while (q < _input.Length && char.IsAsciiDigit(_input[q]))
                {
                    q++;
                }
                p = q;
            }
        }
        var raw = _input[start..p];
        if (p < _input.Length && ((IsIdentChar(_input[p]) && _input[p] != ':') || _input[p] == '.'))
        {
            var end = p;
            while (end < _input.Length && ((IsIdentChar(_input[end]) && _input[end] != ':') || _input[end] == '.'))
            {
                end++;
            }
            throw Error(start, $"bad number or duration syntax: \"{_input[start..end]}\"");
        }
        var clean = raw.Replace("_", string.Empty, StringComparison.Ordinal);
        if (raw.StartsWith('_') || raw.EndsWith('_') || raw.Contains("__", StringComparison.Ordinal) ||
            !double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(start, $"bad number or duration syntax: \"{raw}\"");
        }
        _pos = p;
        return new Token(TokenKind.Number, start, raw, value);
    }

    private static bool IsDurationUnitStart(string s, int p) => s[p] switch
    {
        'y' or 'w' or 'd' or 'h' or 's' => true,
        'm' => true,
        _ => false,
    };

    private Token LexString()
    {
        var start = _pos;
        var quote = _input[_pos++];
        var sb = new StringBuilder();
        if (quote == '`')
        {
            while (_pos < _input.Length && _input[_pos] != '`')
            {
                sb.Append(_input[_pos++]);
            }
            if (_pos >= _input.Length)
            {
                throw Error(start, "unterminated raw string");
            }
            _pos++;
            return new Token(TokenKind.String, start, sb.ToString());
        }
        while (true)
        {
            if (_pos >= _input.Length || _input[_pos] == '\n')
            {
                throw Error(start, "unterminated quoted string");
            }
            var c = _input[_pos++];
            if (c == quote)
            {
                return new Token(TokenKind.String, start, sb.ToString());
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (_pos >= _input.Length)
            {
                throw Error(start, "unterminated quoted string");
            }
            var e = _input[_pos++];
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '"' or '\'':
                    if (e != quote)
                    {
                        throw Error(_pos - 2, "unknown escape sequence " + Quote(e));
                    }
                    sb.Append(e);
                    break;
                case 'x': AppendByteEscapes(sb, ReadHex(2, _pos - 2)); break;
                case 'u': AppendCodePoint(sb, ReadHex(4, _pos - 2)); break;
                case 'U': AppendCodePoint(sb, ReadHex(8, _pos - 2)); break;
                case >= '0' and <= '7':
                    {
                        var v = e - '0';
                        for (var i = 0; i < 2; i++)
                        {
                            if (_pos >= _input.Length || _input[_pos] < '0' || _input[_pos] > '7')
                            {
                                throw Error(_pos, "invalid octal escape sequence");
                            }
                            v = (v * 8) + (_input[_pos++] - '0');
                        }
                        if (v > 255)
                        {
                            throw Error(_pos - 4, "octal escape value > 255");
                        }
                        sb.Append((char)v);
                        break;
                    }
                default:
                    throw Error(_pos - 2, "unknown escape sequence " + Quote(e));
            }
        }
    }

    /// <summary>Go strings hold bytes: a run of <c>\xNN</c> escapes is decoded as UTF-8, and bytes
    /// that are not valid UTF-8 become lone surrogates (U+DC80..U+DCFF) so that label-name validation
    /// rejects them as Prometheus rejects invalid UTF-8.</summary>
    private void AppendByteEscapes(StringBuilder sb, int first)
    {
        var bytes = new List<byte> { (byte)first };
        while (_pos + 3 < _input.Length && _input[_pos] == '\\' && _input[_pos + 1] == 'x')
        {
            _pos += 2;
            bytes.Add((byte)ReadHex(2, _pos - 2));
        }
        try
        {
            sb.Append(new UTF8Encoding(false, true).GetString([.. bytes]));
        }
        catch (DecoderFallbackException)
        {
            foreach (var b in bytes)
            {
                sb.Append(b < 0x80 ? (char)b : (char)(0xDC00 + b));
            }
        }
    }

    private int ReadHex(int digits, int escapeStart)
    {
        if (_pos + digits > _input.Length ||
            !int.TryParse(_input.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            throw Error(escapeStart, "invalid escape sequence");
        }
        _pos += digits;
        return v;
    }

    private void AppendCodePoint(StringBuilder sb, int cp)
    {
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        {
            throw Error(_pos, "escape sequence is an invalid Unicode code point");
        }
        sb.Append(char.ConvertFromUtf32(cp));
    }
}
