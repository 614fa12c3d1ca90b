using System.Globalization;

namespace Argus.Templates.Syntax;

/// <summary>
/// Splits template source into tokens the way Go's text/template lexer does: text between actions,
/// trim markers (<c>{{- </c> and <c> -}}</c>) that eat adjacent white space, comments that vanish,
/// and the words of an action. Lexing errors are thrown as <see cref="TemplateParseException"/>.
/// </summary>
internal sealed class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";

    private readonly string _name;
    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _parenDepth;

    private Lexer(string name, string text)
    {
        _name = name;
        _text = text;
    }

    public static List<Token> Tokenize(string name, string text)
    {
        var lexer = new Lexer(name, text);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var trimLeadingSpace = false;
        while (_pos < _text.Length)
        {
            var next = _text.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
            var textEnd = next < 0 ? _text.Length : next;
            var trimBefore = next >= 0 && HasLeftTrimMarker(next + LeftDelim.Length);
            var start = _pos;
            var end = textEnd;
            if (trimLeadingSpace)
            {
                while (start < end && IsTrimSpace(_text[start]))
                {
                    start++;
                }
            }
            if (trimBefore)
            {
                while (end > start && IsTrimSpace(_text[end - 1]))
                {
                    end--;
                }
            }
            var textLine = _line + CountNewlines(_pos, start);
            if (end > start)
            {
                _tokens.Add(new Token(TokenKind.Text, _text[start..end], start, textLine));
            }
            _line += CountNewlines(_pos, textEnd);
            _pos = textEnd;
            if (next < 0)
            {
                break;
            }
            trimLeadingSpace = LexAction(trimBefore);
        }
        _tokens.Add(new Token(TokenKind.Eof, string.Empty, _pos, _line));
    }

    /// <summary>Lexes one action starting at a left delimiter; returns whether it ended with a trim marker.</summary>
    private bool LexAction(bool trimBefore)
    {
        var delimPos = _pos;
        _pos += LeftDelim.Length + (trimBefore ? 2 : 0);
        if (At("/*"))
        {
            return LexComment(delimPos);
        }
        _tokens.Add(new Token(TokenKind.LeftDelim, LeftDelim, delimPos, _line));
        _parenDepth = 0;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unclosed action");
            }
            var trimAfter = HasRightTrimMarker(_pos);
            if (trimAfter || At(RightDelim))
            {
                if (_parenDepth > 0)
                {
                    throw Error("unclosed left paren");
                }
                if (trimAfter)
                {
                    _pos += 2;
                }
                _tokens.Add(new Token(TokenKind.RightDelim, RightDelim, _pos, _line));
                _pos += RightDelim.Length;
                return trimAfter;
            }
            var c = _text[_pos];
            if (IsSpace(c))
            {
                var start = _pos;
                var startLine = _line;
                while (_pos < _text.Length && IsSpace(_text[_pos]) && !HasRightTrimMarker(_pos))
                {
                    if (_text[_pos] == '\n')
                    {
                        _line++;
                    }
                    _pos++;
                }
                _tokens.Add(new Token(TokenKind.Space, " ", start, startLine));
                continue;
            }
            switch (c)
            {
                case '=':
                    Emit(TokenKind.Assign, 1);
                    continue;
                case ':':
                    if (_pos + 1 >= _text.Length || _text[_pos + 1] != '=')
                    {
                        throw Error("expected :=");
                    }
                    Emit(TokenKind.Declare, 2);
                    continue;
                case '|':
                    Emit(TokenKind.Pipe, 1);
                    continue;
                case ',':
                    Emit(TokenKind.Comma, 1);
                    continue;
                case '"':
                    LexQuote();
                    continue;
                case '`':
                    LexRawQuote();
                    continue;
                case '\'':
                    LexChar();
                    continue;
                case '$':
                    LexFieldOrVariable(TokenKind.Variable);
                    continue;
                case '.':
                    if (_pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1]))
                    {
                        LexNumber();
                        continue;
                    }
                    LexFieldOrVariable(TokenKind.Field);
                    continue;
                case '(':
                    _parenDepth++;
                    Emit(TokenKind.LeftParen, 1);
                    continue;
                case ')':
                    _parenDepth--;
                    if (_parenDepth < 0)
                    {
                        throw Error("unexpected right paren");
                    }
                    Emit(TokenKind.RightParen, 1);
                    continue;
            }
            if (c == '+' || c == '-' || char.IsAsciiDigit(c))
            {
                LexNumber();
                continue;
            }
            if (IsAlphaNumeric(c))
            {
                LexIdentifier();
                continue;
            }
            if (c < 0x7f && !char.IsControl(c))
            {
                throw Error($"unexpected \"{c}\" in operand");
            }
            throw Error($"unrecognized character in action: {DescribeRune(c)}");
        }
    }

    private bool LexComment(int delimPos)
    {
        var close = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error("unclosed comment");
        }
        _line += CountNewlines(delimPos, close);
        _pos = close + 2;
        var trimAfter = HasRightTrimMarker(_pos);
        if (trimAfter)
        {
            _pos += 2;
        }
        if (!At(RightDelim))
        {
            throw Error("comment ends before closing delimiter");
        }
        _pos += RightDelim.Length;
        return trimAfter;
    }

    private void LexQuote()
    {
        var start = _pos;
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error("unterminated quoted string");
            }
            var c = _text[_pos++];
            if (c == '\\')
            {
                if (_pos >= _text.Length || _text[_pos] == '\n')
                {
                    throw Error("unterminated quoted string");
                }
                _pos++;
            }
            else if (c == '"')
            {
                break;
            }
        }
        _tokens.Add(new Token(TokenKind.String, _text[start.._pos], start, _line));
    }

    private void LexRawQuote()
    {
        var start = _pos;
        var close = _text.IndexOf('`', _pos + 1);
        if (close < 0)
        {
            throw Error("unterminated raw quoted string");
        }
        _pos = close + 1;
        _tokens.Add(new Token(TokenKind.RawString, _text[start.._pos], start, _line));
        _line += CountNewlines(start, _pos);
    }

    private void LexChar()
    {
        var start = _pos;
        _pos++;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error("unterminated character constant");
            }
            var c = _text[_pos++];
            if (c == '\\')
            {
                if (_pos >= _text.Length || _text[_pos] == '\n')
                {
                    throw Error("unterminated character constant");
                }
                _pos++;
            }
            else if (c == '\'')
            {
                break;
            }
        }
        _tokens.Add(new Token(TokenKind.CharConstant, _text[start.._pos], start, _line));
    }

    private void LexFieldOrVariable(TokenKind kind)
    {
        var start = _pos;
        _pos++;
        while (_pos < _text.Length && IsAlphaNumeric(_text[_pos]))
        {
            _pos++;
        }
        if (kind == TokenKind.Field && _pos == start + 1)
        {
            _tokens.Add(new Token(TokenKind.Dot, ".", start, _line));
            CheckTerminator();
            return;
        }
        _tokens.Add(new Token(kind, _text[start.._pos], start, _line));
        CheckTerminator();
    }

    private void LexIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && IsAlphaNumeric(_text[_pos]))
        {
            _pos++;
        }
        var word = _text[start.._pos];
        CheckTerminator();
        var kind = word switch
        {
            "block" => TokenKind.Block,
            "break" => TokenKind.Break,
            "continue" => TokenKind.Continue,
            "define" => TokenKind.Define,
            "else" => TokenKind.Else,
            "end" => TokenKind.End,
            "if" => TokenKind.If,
            "range" => TokenKind.Range,
            "nil" => TokenKind.Nil,
            "template" => TokenKind.Template,
            "with" => TokenKind.With,
            "true" or "false" => TokenKind.Bool,
            _ => TokenKind.Identifier,
        };
        _tokens.Add(new Token(kind, word, start, _line));
    }

    private void LexNumber()
    {
        var start = _pos;
        if (_text[_pos] is '+' or '-')
        {
            _pos++;
        }
        var digits = "0123456789_";
        if (At("0x") || At("0X"))
        {
            _pos += 2;
            digits = "0123456789abcdefABCDEF_";
        }
        else if (At("0o") || At("0O"))
        {
            _pos += 2;
            digits = "01234567_";
        }
        else if (At("0b") || At("0B"))
        {
            _pos += 2;
            digits = "01_";
        }
        Accept(digits);
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            Accept(digits);
        }
        if (digits.Length == 11 && _pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-')
            {
                _pos++;
            }
            Accept("0123456789_");
        }
        if (digits.Length == 23 && _pos < _text.Length && _text[_pos] is 'p' or 'P')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-')
            {
                _pos++;
            }
            Accept("0123456789_");
        }
        if (_pos < _text.Length && _text[_pos] == 'i')
        {
            _pos++;
        }
        if (_pos < _text.Length && IsAlphaNumeric(_text[_pos]))
        {
            _pos++;
            throw Error($"bad number syntax: \"{_text[start.._pos]}\"");
        }
        _tokens.Add(new Token(TokenKind.Number, _text[start.._pos], start, _line));
    }

    private void Accept(string valid)
    {
        while (_pos < _text.Length && valid.Contains(_text[_pos], StringComparison.Ordinal))
        {
            _pos++;
        }
    }

    private void CheckTerminator()
    {
        if (_pos >= _text.Length)
        {
            return;
        }
        var c = _text[_pos];
        if (IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' or '=' || At(RightDelim))
        {
            return;
        }
        throw Error($"bad character {DescribeRune(c)}");
    }

    private void Emit(TokenKind kind, int length)
    {
        _tokens.Add(new Token(kind, _text.Substring(_pos, length), _pos, _line));
        _pos += length;
    }

    private bool At(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private bool HasLeftTrimMarker(int pos) =>
        pos + 1 < _text.Length && _text[pos] == '-' && IsTrimSpace(_text[pos + 1]);

    private bool HasRightTrimMarker(int pos) =>
        pos + 3 < _text.Length && IsTrimSpace(_text[pos]) && _text[pos + 1] == '-'
        && string.CompareOrdinal(_text, pos + 2, RightDelim, 0, 2) == 0;

    private int CountNewlines(int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            if (_text[i] == '\n')
            {
                n++;
            }
        }
        return n;
    }

    private TemplateParseException Error(string message) => new(_name, _line, message);

    private static bool IsTrimSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    internal static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static string DescribeRune(char c) =>
        string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4} '{c}'");
}
