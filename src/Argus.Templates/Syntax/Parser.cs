using System.Globalization;
using Argus.Templates.Formatting;

namespace Argus.Templates.Syntax;

/// <summary>
/// Recursive-descent parser for Go's text/template grammar. One instance parses one source text into
/// its top-level tree plus the trees of every <c>define</c> and <c>block</c> it contains. Function
/// names are checked against <see cref="_hasFunction"/> at parse time, as Go does.
/// </summary>
internal sealed class Parser
{
    private readonly string _parseName;
    private readonly string _source;
    private readonly List<Token> _tokens;
    private readonly Func<string, bool> _hasFunction;
    private readonly Dictionary<string, TemplateTree> _trees = new(StringComparer.Ordinal);
    private List<string> _vars = ["$"];
    private int _index;
    private int _rangeDepth;
    private Token _terminator;

    private Parser(string parseName, string source, Func<string, bool> hasFunction)
    {
        _parseName = parseName;
        _source = source;
        _hasFunction = hasFunction;
        _tokens = Lexer.Tokenize(parseName, source);
    }

    /// <summary>Parses <paramref name="source"/>; the result maps template names to trees, including <paramref name="name"/> itself.</summary>
    public static Dictionary<string, TemplateTree> Parse(string name, string source, Func<string, bool> hasFunction)
    {
        var parser = new Parser(name, source, hasFunction);
        parser.ParseTop(name);
        return parser._trees;
    }

    private void ParseTop(string name)
    {
        var root = new ListNode(0, 1);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var save = _index;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }
                _index = save;
            }
            var node = TextOrAction();
            if (node is null)
            {
                throw Error(_terminator.Line, $"unexpected {DescribeTerminator(_terminator)}");
            }
            root.Nodes.Add(node);
        }
        AddTree(new TemplateTree(name, _parseName, _source, root));
    }

    private void ParseDefinition()
    {
        var token = NextNonSpace();
        var name = ParseTemplateName(token, "define clause");
        Expect(TokenKind.RightDelim, "define clause");
        var savedVars = _vars;
        _vars = ["$"];
        var list = ItemList();
        _vars = savedVars;
        if (_terminator.Kind != TokenKind.End)
        {
            throw Error(_terminator.Line, $"unexpected {DescribeTerminator(_terminator)} in define clause");
        }
        AddTree(new TemplateTree(name, _parseName, _source, list));
    }

    private void AddTree(TemplateTree tree)
    {
        if (!_trees.TryGetValue(tree.Name, out var existing) || existing.IsEmpty)
        {
            _trees[tree.Name] = tree;
            return;
        }
        if (!tree.IsEmpty)
        {
            throw Error(Peek().Line, $"template: multiple definition of template \"{tree.Name}\"");
        }
    }

    /// <summary>Parses nodes up to <c>{{end}}</c> or <c>{{else}}</c>, which is left in <see cref="_terminator"/>.</summary>
    private ListNode ItemList()
    {
        var list = new ListNode(Peek().Pos, Peek().Line);
        while (Peek().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is null)
            {
                return list;
            }
            list.Nodes.Add(node);
        }
        throw Error(Peek().Line, "unexpected EOF");
    }

    /// <summary>Returns a node, or null at <c>{{end}}</c>/<c>{{else}}</c> (recorded in <see cref="_terminator"/>).</summary>
    private Node? TextOrAction()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Pos, token.Line, token.Value);
            case TokenKind.LeftDelim:
                return Action();
            default:
                throw Unexpected(token, "input");
        }
    }

    private Node? Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block:
                return BlockControl(token);
            case TokenKind.Break:
            case TokenKind.Continue:
                return BreakOrContinue(token);
            case TokenKind.Else:
                // "else if" / "else with": leave the keyword pending for the enclosing control.
                var peek = PeekNonSpace();
                if (peek.Kind is not (TokenKind.If or TokenKind.With))
                {
                    Expect(TokenKind.RightDelim, "else");
                }
                _terminator = token;
                return null;
            case TokenKind.End:
                Expect(TokenKind.RightDelim, "end");
                _terminator = token;
                return null;
            case TokenKind.If:
                return Control(token, "if");
            case TokenKind.Range:
                return Control(token, "range");
            case TokenKind.With:
                return Control(token, "with");
            case TokenKind.Template:
                return TemplateControl(token);
        }
        Backup();
        var start = PeekNonSpace();
        return new ActionNode(start.Pos, start.Line, Pipeline("command", TokenKind.RightDelim));
    }

    private Node BreakOrContinue(Token token)
    {
        var next = NextNonSpace();
        if (next.Kind != TokenKind.RightDelim)
        {
            throw Unexpected(next, "{{" + token.Value + "}}");
        }
        if (_rangeDepth == 0)
        {
            throw Error(token.Line, "{{" + token.Value + "}} outside {{range}}");
        }
        return token.Kind == TokenKind.Break ? new BreakNode(token.Pos, token.Line) : new ContinueNode(token.Pos, token.Line);
    }

    private Node Control(Token keyword, string context)
    {
        var savedVarCount = _vars.Count;
        try
        {
            var pipe = Pipeline(context, TokenKind.RightDelim);
            if (context == "range")
            {
                _rangeDepth++;
            }
            var list = ItemList();
            if (context == "range")
            {
                _rangeDepth--;
            }
            ListNode? elseList = null;
            if (_terminator.Kind == TokenKind.Else)
            {
                var elseToken = _terminator;
                if (context == "if" && Peek().Kind == TokenKind.If)
                {
                    var ifToken = Next();
                    elseList = new ListNode(elseToken.Pos, elseToken.Line);
                    elseList.Nodes.Add(Control(ifToken, "if"));
                }
                else if (context == "with" && Peek().Kind == TokenKind.With)
                {
                    var withToken = Next();
                    elseList = new ListNode(elseToken.Pos, elseToken.Line);
                    elseList.Nodes.Add(Control(withToken, "with"));
                }
                else
                {
                    elseList = ItemList();
                    if (_terminator.Kind != TokenKind.End)
                    {
                        throw Error(_terminator.Line, $"expected end; found {DescribeTerminator(_terminator)}");
                    }
                }
            }
            return context switch
            {
                "if" => new IfNode(keyword.Pos, keyword.Line, pipe, list, elseList),
                "range" => new RangeNode(keyword.Pos, keyword.Line, pipe, list, elseList),
                _ => new WithNode(keyword.Pos, keyword.Line, pipe, list, elseList),
            };
        }
        finally
        {
            _vars.RemoveRange(savedVarCount, _vars.Count - savedVarCount);
        }
    }

    private Node TemplateControl(Token keyword)
    {
        const string Context = "template clause";
        var name = ParseTemplateName(NextNonSpace(), Context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(Context, TokenKind.RightDelim);
        }
        return new TemplateNode(keyword.Pos, keyword.Line, name, pipe);
    }

    private Node BlockControl(Token keyword)
    {
        const string Context = "block clause";
        var name = ParseTemplateName(NextNonSpace(), Context);
        var pipe = Pipeline(Context, TokenKind.RightDelim);
        var savedVars = _vars;
        var savedDepth = _rangeDepth;
        _vars = ["$"];
        _rangeDepth = 0;
        var list = ItemList();
        _vars = savedVars;
        _rangeDepth = savedDepth;
        if (_terminator.Kind != TokenKind.End)
        {
            throw Error(_terminator.Line, $"unexpected {DescribeTerminator(_terminator)} in {Context}");
        }
        AddTree(new TemplateTree(name, _parseName, _source, list));
        return new TemplateNode(keyword.Pos, keyword.Line, name, pipe);
    }

    private string ParseTemplateName(Token token, string context)
    {
        if (token.Kind is TokenKind.String or TokenKind.RawString)
        {
            return Unquote(token);
        }
        throw Unexpected(token, context);
    }

    private PipeNode Pipeline(string context, TokenKind end)
    {
        var first = PeekNonSpace();
        var pipe = new PipeNode(first.Pos, first.Line);
        while (PeekNonSpace().Kind == TokenKind.Variable)
        {
            var saved = _index;
            var variable = NextNonSpace();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Declarations.Add(new VariableNode(variable.Pos, variable.Line, [variable.Value]));
                _vars.Add(variable.Value);
                break;
            }
            if (next.Kind == TokenKind.Comma)
            {
                NextNonSpace();
                pipe.Declarations.Add(new VariableNode(variable.Pos, variable.Line, [variable.Value]));
                _vars.Add(variable.Value);
                if (context == "range" && pipe.Declarations.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }
                    throw Error(next.Line, "range can only initialize variables");
                }
                throw Error(next.Line, $"too many declarations in {context}");
            }
            _index = saved;
            break;
        }
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context, token);
                return pipe;
            }
            switch (token.Kind)
            {
                case TokenKind.Bool:
                case TokenKind.CharConstant:
                case TokenKind.Dot:
                case TokenKind.Field:
                case TokenKind.Identifier:
                case TokenKind.Number:
                case TokenKind.Nil:
                case TokenKind.RawString:
                case TokenKind.String:
                case TokenKind.Variable:
                case TokenKind.LeftParen:
                    Backup();
                    pipe.Commands.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    private void CheckPipeline(PipeNode pipe, string context, Token at)
    {
        if (pipe.Commands.Count == 0)
        {
            throw Error(at.Line, $"missing value for {context}");
        }
        for (var i = 1; i < pipe.Commands.Count; i++)
        {
            if (pipe.Commands[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                throw Error(at.Line, $"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var start = PeekNonSpace();
        var command = new CommandNode(start.Pos, start.Line);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                command.Args.Add(operand);
            }
            var token = Next();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                throw Unexpected(token, "operand");
            }
            break;
        }
        if (command.Args.Count == 0)
        {
            throw Error(start.Line, "empty command");
        }
        return command;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != TokenKind.Field)
        {
            return node;
        }
        var chain = new ChainNode(Peek().Pos, Peek().Line, node);
        while (Peek().Kind == TokenKind.Field)
        {
            chain.Fields.Add(Next().Value[1..]);
        }
        return node switch
        {
            FieldNode f => new FieldNode(chain.Pos, f.Line, [.. f.Ident, .. chain.Fields]),
            VariableNode v => new VariableNode(chain.Pos, v.Line, [.. v.Ident, .. chain.Fields]),
            BoolNode or StringNode or NumberNode or NilNode or DotNode =>
                throw Error(node.Line, $"unexpected . after term \"{node}\""),
            _ => chain,
        };
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_hasFunction(token.Value))
                {
                    throw Error(token.Line, $"function \"{token.Value}\" not defined");
                }
                return new IdentifierNode(token.Pos, token.Line, token.Value);
            case TokenKind.Dot:
                return new DotNode(token.Pos, token.Line);
            case TokenKind.Nil:
                return new NilNode(token.Pos, token.Line);
            case TokenKind.Variable:
                if (!_vars.Contains(token.Value))
                {
                    throw Error(token.Line, $"undefined variable \"{token.Value}\"");
                }
                return new VariableNode(token.Pos, token.Line, [token.Value]);
            case TokenKind.Field:
                return new FieldNode(token.Pos, token.Line, [token.Value[1..]]);
            case TokenKind.Bool:
                return new BoolNode(token.Pos, token.Line, token.Value == "true");
            case TokenKind.Number:
            case TokenKind.CharConstant:
                return ParseNumber(token);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String:
            case TokenKind.RawString:
                return new StringNode(token.Pos, token.Line, token.Value, Unquote(token));
        }
        Backup();
        return null;
    }

    private NumberNode ParseNumber(Token token)
    {
        var text = token.Value;
        if (token.Kind == TokenKind.CharConstant)
        {
            var value = GoLiteral.UnquoteChar(text) ?? throw Error(token.Line, $"malformed character constant: {text}");
            return new NumberNode(token.Pos, token.Line, text, true, value, value);
        }
        if (text.EndsWith('i'))
        {
            throw Error(token.Line, $"complex number {text} is not supported");
        }
        var isHex = text.TrimStart('+', '-').StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var looksFloat = isHex ? text.Contains('p', StringComparison.OrdinalIgnoreCase) : text.AsSpan().IndexOfAny(".eE") >= 0;
        if (!looksFloat && GoLiteral.TryParseInt(text, out var integer))
        {
            return new NumberNode(token.Pos, token.Line, text, true, integer, integer);
        }
        if (!isHex && double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
        {
            return new NumberNode(token.Pos, token.Line, text, false, 0, f);
        }
        throw Error(token.Line, $"illegal number syntax: \"{text}\"");
    }

    private string Unquote(Token token)
    {
        if (token.Kind == TokenKind.RawString)
        {
            return token.Value[1..^1].Replace("\r", string.Empty, StringComparison.Ordinal);
        }
        return GoLiteral.UnquoteString(token.Value) ?? throw Error(token.Line, "invalid syntax");
    }

    private void Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            throw Unexpected(token, context);
        }
    }

    private Token Next() => _tokens[Math.Min(_index++, _tokens.Count - 1)];

    private Token Peek() => _tokens[Math.Min(_index, _tokens.Count - 1)];

    private void Backup() => _index--;

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Kind == TokenKind.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private TemplateParseException Unexpected(Token token, string context) =>
        Error(token.Line, $"unexpected {DescribeToken(token)} in {context}");

    private TemplateParseException Error(int line, string message) => new(_parseName, line, message);

    private static string DescribeTerminator(Token token) => token.Kind == TokenKind.End ? "{{end}}" : "{{else}}";

    /// <summary>Go's <c>item.String()</c>: EOF, keywords in angle brackets, other values quoted and cut at 10 characters.</summary>
    private static string DescribeToken(Token token)
    {
        if (token.Kind == TokenKind.Eof)
        {
            return "EOF";
        }
        if (token.Kind is >= TokenKind.Block and <= TokenKind.With && token.Kind != TokenKind.Nil)
        {
            return "<" + token.Value + ">";
        }
        if (token.Value.Length > 10)
        {
            return GoLiteral.Quote(token.Value[..10]) + "...";
        }
        return GoLiteral.Quote(token.Value);
    }
}
