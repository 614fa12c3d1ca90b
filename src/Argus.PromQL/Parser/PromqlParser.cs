using Argus.Model.Labels;
using Argus.PromQL.Ast;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.PromQL.Parser;

/// <summary>
/// Recursive-descent PromQL parser with precedence climbing for binary operators. Produces a
/// type-checked <see cref="Expr"/> tree or throws <see cref="PromqlParseException"/> naming the position.
/// </summary>
/// <remarks>Stateless entry point; each call uses its own parser instance.</remarks>
public sealed class PromqlParser
{
    private readonly string _input;
    /// <summary>Deepest nesting of parentheses, calls and operators accepted; deeper input would risk the
    /// stack of the parser and the evaluator, so it is rejected with a clear error.</summary>
    public const int MaxNestingDepth = 200;

    private const string AnchoredFunctionsError = "anchored modifier can only be used with: changes, delta, increase, rate, resets";

    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private PromqlParser(string input)
    {
        _input = input;
        _tokens = new Lexer(input).Tokenize();
    }

    /// <summary>Parses and type-checks a whole query.</summary>
    /// <exception cref="PromqlParseException">The query is not valid PromQL.</exception>
    public static Expr Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var parser = new PromqlParser(query);
        if (parser.Current.Kind == TokenKind.Eof)
        {
            throw new PromqlParseException(query, 0, "no expression found in input");
        }
        var expr = parser.ParseExpr(0);
        if (parser.Current.Kind != TokenKind.Eof)
        {
            throw parser.Unexpected(parser.Current, null);
        }
        if (expr is MatrixSelector { Anchored: true })
        {
            throw parser.Error(expr.Position, AnchoredFunctionsError);
        }
        parser.CheckSelectors(expr);
        return expr;
    }

    /// <summary>Parses a series selector such as <c>up{job="x"}</c> (as used by /api/v1/series match[]).</summary>
    public static VectorSelector ParseSelector(string text)
    {
        var expr = Parse(text);
        return expr as VectorSelector ?? throw new PromqlParseException(text, 0, "expected a series selector");
    }

    /// <summary>Every selector needs a matcher that rejects the empty string, except the info-series
    /// selector of <c>info()</c>, which only filters.</summary>
    private void CheckSelectors(Expr expr)
    {
        if (expr is VectorSelector vs && !vs.Matchers.Any(m => !m.MatchesEmpty))
        {
            throw Error(vs.Position, "vector selector must contain at least one non-empty matcher");
        }
        var children = expr is Call { Function.Name: "info" } call ? call.Args.Take(1) : expr.Children;
        foreach (var child in children)
        {
            if (child is MatrixSelector { Anchored: true } && expr is not Call { Function.Name: "resets" or "changes" or "rate" or "increase" or "delta" })
            {
                throw Error(child.Position, AnchoredFunctionsError);
            }
            CheckSelectors(child);
        }
    }

    private Token Current => _tokens[_index];

    private Token PeekAt(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Advance() => _tokens[_index++];

    private PromqlParseException Error(int position, string message) => new(_input, position, message);

    private PromqlParseException Unexpected(Token token, string? context)
    {
        var what = token.Kind switch
        {
            TokenKind.Eof => "end of input",
            TokenKind.Identifier => IsKeyword(token.Text) ? token.Text : $"identifier \"{token.Text}\"",
            TokenKind.Number => $"number \"{token.Text}\"",
            TokenKind.Duration => $"duration \"{token.Text}\"",
            TokenKind.String => $"string \"{token.Text}\"",
            TokenKind.LeftParen => "\"(\"",
            TokenKind.RightParen => "\")\"",
            TokenKind.LeftBrace => "\"{\"",
            TokenKind.RightBrace => "\"}\"",
            TokenKind.LeftBracket => "\"[\"",
            TokenKind.RightBracket => "\"]\"",
            TokenKind.Comma => "\",\"",
            TokenKind.Colon => "\":\"",
            TokenKind.At => "\"@\"",
            _ => token.Text,
        };
        return Error(token.Position, context is null ? $"unexpected {what}" : $"unexpected {what} in {context}");
    }

    private static bool IsKeyword(string s) => s is "and" or "or" or "unless" or "atan2" or "by" or "without" or "on" or "ignoring"
        or "group_left" or "group_right" or "bool" or "offset";

    private Token Expect(TokenKind kind, string context)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(Current, context);
        }
        return Advance();
    }

    private bool TryBinaryOp(out BinaryOp op)
    {
        var t = Current;
        op = t.Kind switch
        {
            TokenKind.Add => BinaryOp.Add,
            TokenKind.Sub => BinaryOp.Sub,
            TokenKind.Mul => BinaryOp.Mul,
            TokenKind.Div => BinaryOp.Div,
            TokenKind.Mod => BinaryOp.Mod,
            TokenKind.Pow => BinaryOp.Pow,
            TokenKind.Eql => BinaryOp.Eql,
            TokenKind.Neq => BinaryOp.Neq,
            TokenKind.Gtr => BinaryOp.Gtr,
            TokenKind.Lss => BinaryOp.Lss,
            TokenKind.Gte => BinaryOp.Gte,
            TokenKind.Lte => BinaryOp.Lte,
            TokenKind.TrimUpper => BinaryOp.TrimUpper,
            TokenKind.TrimLower => BinaryOp.TrimLower,
            _ => (BinaryOp)255,
        };
        if (t.Kind == TokenKind.Identifier)
        {
            op = t.Text switch
            {
                "and" => BinaryOp.And,
                "or" => BinaryOp.Or,
                "unless" => BinaryOp.Unless,
                "atan2" => BinaryOp.Atan2,
                _ => (BinaryOp)255,
            };
        }
        return op != (BinaryOp)255;
    }

    private Expr ParseExpr(int minPrecedence)
    {
        if (++_depth > MaxNestingDepth)
        {
            throw Error(Current.Position, $"expression nesting is too deep (more than {MaxNestingDepth} levels)");
        }
        try
        {
            return ParseExprCore(minPrecedence);
        }
        finally
        {
            _depth--;
        }
    }

    private Expr ParseExprCore(int minPrecedence)
    {
        var left = ParseUnary();
        while (TryBinaryOp(out var op))
        {
            var precedence = BinaryOps.Precedence(op);
            if (precedence < minPrecedence)
            {
                break;
            }
            var opToken = Advance();
            var returnBool = false;
            if (Current.Kind == TokenKind.Identifier && Current.Text == "bool")
            {
                Advance();
                returnBool = true;
            }
            VectorMatching? matching = null;
            if (Current.Kind == TokenKind.Identifier && Current.Text is "on" or "ignoring")
            {
                matching = new VectorMatching { On = Advance().Text == "on", Explicit = true };
                matching.MatchingLabels = ParseLabelList("grouping opts");
                if (Current.Kind == TokenKind.Identifier && Current.Text is "group_left" or "group_right")
                {
                    matching.Cardinality = Advance().Text == "group_left" ? MatchCardinality.ManyToOne : MatchCardinality.OneToMany;
                    if (Current.Kind == TokenKind.LeftParen)
                    {
                        matching.Include = ParseLabelList("grouping opts");
                    }
                }
            }
            else if (Current.Kind == TokenKind.Identifier && Current.Text is "group_left" or "group_right")
            {
                throw Unexpected(Current, "binary expression");
            }
            if (IsFillModifier())
            {
                matching ??= new VectorMatching();
                ParseFillModifiers(matching);
            }
            var right = ParseExpr(BinaryOps.IsRightAssociative(op) ? precedence : precedence + 1);
            left = MakeBinary(opToken, op, left, right, returnBool, matching);
        }
        return left;
    }

    private BinaryExpr MakeBinary(Token opToken, BinaryOp op, Expr left, Expr right, bool returnBool, VectorMatching? matching)
    {
        var pos = left.Position;
        if (matching is { HasFill: true })
        {
            CheckFill(opToken, op, left, right);
        }
        if (returnBool && !BinaryOps.IsComparison(op))
        {
            throw Error(opToken.Position, "bool modifier can only be used on comparison operators");
        }
        foreach (var side in new[] { left, right })
        {
            if (side.Type is not (PromValueType.Scalar or PromValueType.Vector))
            {
                throw Error(pos, "binary expression must contain only scalar and instant vector types");
            }
        }
        var bothVectors = left.Type == PromValueType.Vector && right.Type == PromValueType.Vector;
        if (BinaryOps.IsComparison(op) && !returnBool && left.Type == PromValueType.Scalar && right.Type == PromValueType.Scalar)
        {
            throw Error(pos, "comparisons between scalars must use BOOL modifier");
        }
        if (BinaryOps.IsSetOperator(op))
        {
            if (!bothVectors)
            {
                throw Error(pos, $"set operator \"{BinaryOps.Text(op)}\" not allowed in binary scalar expression");
            }
            matching ??= new VectorMatching();
            if (matching.Cardinality is MatchCardinality.ManyToOne or MatchCardinality.OneToMany)
            {
                throw Error(pos, $"no grouping allowed for \"{BinaryOps.Text(op)}\" operation");
            }
            matching.Cardinality = MatchCardinality.ManyToMany;
        }
        if (!bothVectors && matching is { Explicit: true })
        {
            throw Error(pos, "vector matching only allowed between instant vectors");
        }
        if (bothVectors)
        {
            matching ??= new VectorMatching();
            if (matching.On)
            {
                foreach (var l in matching.Include)
                {
                    if (matching.MatchingLabels.Contains(l))
                    {
                        throw Error(pos, $"label \"{l}\" must not occur in ON and GROUP clause at once");
                    }
                }
            }
        }
        else
        {
            matching = null;
        }
        return new BinaryExpr(op, left, right, returnBool, matching) { Position = pos };
    }

    /// <summary>A fill modifier is only a keyword when a parenthesis follows, so metrics named
    /// <c>fill</c> keep working (<c>a + fill</c>), as in Prometheus.</summary>
    private bool IsFillModifier() =>
        Current.Kind == TokenKind.Identifier && Current.Text is "fill" or "fill_left" or "fill_right" && PeekAt(1).Kind == TokenKind.LeftParen;

    /// <summary><c>fill(v)</c>, or <c>fill_left(v)</c> and/or <c>fill_right(v)</c>, each at most once.</summary>
    private void ParseFillModifiers(VectorMatching matching)
    {
        var sawBoth = false;
        while (IsFillModifier())
        {
            var keyword = Advance();
            Expect(TokenKind.LeftParen, keyword.Text + " modifier");
            var negative = false;
            if (Current.Kind is TokenKind.Sub or TokenKind.Add)
            {
                negative = Advance().Kind == TokenKind.Sub;
            }
            var valueToken = Current;
            if (valueToken.Kind != TokenKind.Number)
            {
                throw Unexpected(valueToken, keyword.Text + " modifier, expected a number");
            }
            Advance();
            Expect(TokenKind.RightParen, keyword.Text + " modifier");
            var value = negative ? -valueToken.Number : valueToken.Number;
            var setsLeft = keyword.Text is "fill" or "fill_left";
            var setsRight = keyword.Text is "fill" or "fill_right";
            if (sawBoth || (keyword.Text == "fill" && matching.HasFill) || (setsLeft && matching.FillLeft.HasValue) || (setsRight && matching.FillRight.HasValue))
            {
                throw Error(keyword.Position, "fill modifiers may not be set multiple times");
            }
            sawBoth |= keyword.Text == "fill";
            if (setsLeft)
            {
                matching.FillLeft = value;
            }
            if (setsRight)
            {
                matching.FillRight = value;
            }
        }
    }

    private void CheckFill(Token opToken, BinaryOp op, Expr left, Expr right)
    {
        if (BinaryOps.IsSetOperator(op))
        {
            throw Error(opToken.Position, $"fill modifiers are not allowed with set operator \"{BinaryOps.Text(op)}\"");
        }
        if (left.Type != PromValueType.Vector || right.Type != PromValueType.Vector)
        {
            throw Error(opToken.Position, "fill modifiers only allowed between instant vectors");
        }
    }

    private List<string> ParseLabelList(string context)
    {
        Expect(TokenKind.LeftParen, context);
        var labels = new List<string>();
        while (Current.Kind != TokenKind.RightParen)
        {
            var t = Current;
            if (t.Kind == TokenKind.Identifier)
            {
                Advance();
                labels.Add(t.Text);
            }
            else if (t.Kind == TokenKind.String)
            {
                Advance();
                labels.Add(t.Text);
            }
            else
            {
                throw Unexpected(t, context);
            }
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected(Current, context);
            }
        }
        Advance();
        return labels;
    }

    private Expr ParseUnary()
    {
        if (Current.Kind is TokenKind.Add or TokenKind.Sub)
        {
            var t = Advance();
            // Unary operators bind looser than ^ but tighter than * and /, as in Prometheus.
            var operand = ParseExpr(BinaryOps.Precedence(BinaryOp.Pow));
            if (operand.Type is not (PromValueType.Scalar or PromValueType.Vector))
            {
                throw Error(t.Position, $"unary expression only allowed on expressions of type scalar or instant vector, got \"{PromValueTypeNames.Name(operand.Type)}\"");
            }
            if (operand is NumberLiteral n)
            {
                return t.Kind == TokenKind.Sub ? new NumberLiteral(-n.Value) { Position = t.Position } : n;
            }
            // A unary plus stays in the tree, as in Prometheus: format_query prints it and parse_query shows it.
            return new UnaryExpr(t.Kind == TokenKind.Sub, operand) { Position = t.Position };
        }
        return ParsePostfix(ParsePrimary());
    }

    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            var t = Current;
            if (t.Kind == TokenKind.LeftBracket)
            {
                expr = ParseRangeOrSubquery(expr);
            }
            else if (t.Kind == TokenKind.Identifier && t.Text == "offset")
            {
                Advance();
                var (ms, deferred) = ParseOffsetDuration();
                ApplyOffset(expr, ms, deferred, t.Position);
            }
            else if (t.Kind == TokenKind.At)
            {
                Advance();
                ApplyAt(expr, t.Position);
            }
            else if (t.Kind == TokenKind.Identifier && t.Text is "anchored" or "smoothed" && expr is MatrixSelector ms)
            {
                Advance();
                if (t.Text == "smoothed")
                {
                    throw Error(t.Position, "the smoothed range modifier is not supported by Argus");
                }
                if (ms.Anchored)
                {
                    throw Error(t.Position, "anchored may not be set multiple times");
                }
                ms.Anchored = true;
            }
            else
            {
                return expr;
            }
        }
    }

    private long ParseDuration(string context)
    {
        var t = Current;
        if (t.Kind == TokenKind.Duration)
        {
            Advance();
            return t.DurationMs;
        }
        if (t.Kind == TokenKind.Number && double.IsFinite(t.Number))
        {
            Advance();
            return (long)Math.Round(t.Number * 1000);
        }
        throw Unexpected(t, context);
    }

    private void ApplyOffset(Expr expr, long offsetMs, Expr? deferred, int position)
    {
        var mods = GetModifiers(expr, position, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        if (mods.OffsetMs != 0)
        {
            throw Error(position, "offset may not be set multiple times");
        }
        if (deferred is not null && !DurationExpressions.DependsOnQuery(deferred))
        {
            offsetMs = DurationExpressions.Evaluate(deferred, 0, 0);
            deferred = null;
        }
        SetModifiers(expr, mods with { OffsetMs = offsetMs, OffsetExpr = deferred });
    }

    private void ApplyAt(Expr expr, int position)
    {
        var mods = GetModifiers(expr, position, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        if (mods.At != AtModifier.None)
        {
            throw Error(position, "@ <timestamp> may not be set multiple times");
        }
        var t = Current;
        if (t.Kind == TokenKind.Identifier && t.Text is "start" or "end")
        {
            Advance();
            Expect(TokenKind.LeftParen, "@ modifier");
            Expect(TokenKind.RightParen, "@ modifier");
            SetModifiers(expr, mods with { At = t.Text == "start" ? AtModifier.Start : AtModifier.End });
            return;
        }
        var negative = false;
        if (Current.Kind is TokenKind.Sub or TokenKind.Add)
        {
            negative = Advance().Kind == TokenKind.Sub;
        }
        t = Current;
        double seconds;
        if (t.Kind == TokenKind.Number)
        {
            seconds = t.Number;
        }
        else if (t.Kind == TokenKind.Duration)
        {
            seconds = t.DurationMs / 1000.0;
        }
        else
        {
            throw Unexpected(t, "@ modifier");
        }
        Advance();
        if (negative)
        {
            seconds = -seconds;
        }
        if (!double.IsFinite(seconds) || Math.Abs(seconds * 1000) > long.MaxValue / 2)
        {
            throw Error(t.Position, $"timestamp out of bounds for @ modifier: {seconds}");
        }
        SetModifiers(expr, mods with { At = AtModifier.Timestamp, AtMs = (long)Math.Round(seconds * 1000) });
    }

    /// <summary>An offset: a signed literal, or (experimental) a signed parenthesised expression or
    /// function call. Operators after it apply to the whole selector, as in Prometheus.</summary>
    private (long Ms, Expr? Deferred) ParseOffsetDuration()
    {
        var start = Current;
        var negative = false;
        if (Current.Kind is TokenKind.Sub or TokenKind.Add)
        {
            negative = Advance().Kind == TokenKind.Sub;
        }
        if (Current.Kind is TokenKind.Duration or TokenKind.Number)
        {
            var ms = ParseDuration("offset");
            return (negative ? -ms : ms, null);
        }
        Expr atom;
        if (Current.Kind == TokenKind.LeftParen)
        {
            var open = Advance();
            var inner = ParseExpr(0);
            Expect(TokenKind.RightParen, "offset");
            atom = new ParenExpr(inner) { Position = open.Position };
        }
        else if (Current.Kind == TokenKind.Identifier && PeekAt(1).Kind == TokenKind.LeftParen)
        {
            var nameToken = Advance();
            if (!Functions.TryGet(nameToken.Text.ToLowerInvariant(), out var fn) || !DurationExpressions.IsDurationFunction(fn.Name))
            {
                throw Unexpected(nameToken, "offset");
            }
            atom = ParseCall(nameToken, fn);
        }
        else
        {
            throw Unexpected(Current, "offset");
        }
        var expr = negative ? new UnaryExpr(true, atom) { Position = start.Position } : atom;
        DurationExpressions.Validate(expr, _input);
        return (0, expr);
    }

    /// <summary>A range or subquery step: a literal or (experimental) a duration expression.</summary>
    private (long Ms, Expr? Deferred) ParseRangeDuration(string context)
    {
        if (Current.Kind is TokenKind.Duration or TokenKind.Number && PeekAt(1).Kind is TokenKind.RightBracket or TokenKind.Colon)
        {
            return (ParseDuration(context), null);
        }
        var expr = ParseExpr(0);
        DurationExpressions.Validate(expr, _input);
        if (DurationExpressions.DependsOnQuery(expr))
        {
            return (0, expr);
        }
        return (DurationExpressions.Evaluate(expr, 0, 0), expr);
    }

    private TimeModifiers GetModifiers(Expr expr, int position, string error) => expr switch
    {
        VectorSelector vs => vs.Modifiers,
        MatrixSelector ms => ms.Selector.Modifiers,
        SubqueryExpr sq => sq.Modifiers,
        _ => throw Error(position, error),
    };

    private static void SetModifiers(Expr expr, TimeModifiers mods)
    {
        switch (expr)
        {
            case VectorSelector vs:
                vs.Modifiers = mods;
                break;
            case MatrixSelector ms:
                ms.Selector.Modifiers = mods;
                break;
            case SubqueryExpr sq:
                sq.Modifiers = mods;
                break;
        }
    }

    private Expr ParseRangeOrSubquery(Expr expr)
    {
        var open = Advance();
        var (range, rangeExpr) = ParseRangeDuration("range");
        if (Current.Kind == TokenKind.Colon)
        {
            Advance();
            long step = 0;
            Expr? stepExpr = null;
            if (Current.Kind != TokenKind.RightBracket)
            {
                (step, stepExpr) = ParseRangeDuration("subquery step");
            }
            Expect(TokenKind.RightBracket, "subquery selector");
            if (expr.Type is not (PromValueType.Vector or PromValueType.Scalar))
            {
                throw Error(expr.Position, $"subquery is only allowed on instant vector, got {PromValueTypeNames.Name(expr.Type)} instead");
            }
            if (range <= 0 && !(rangeExpr is not null && DurationExpressions.DependsOnQuery(rangeExpr)))
            {
                throw Error(open.Position, $"subquery range must be positive, got {range}ms");
            }
            if (step < 0)
            {
                throw Error(open.Position, "subquery step must be positive");
            }
            return new SubqueryExpr(expr, range, step) { Position = expr.Position, RangeExpr = rangeExpr, StepExpr = stepExpr };
        }
        Expect(TokenKind.RightBracket, "matrix selector");
        if (expr is not VectorSelector vs)
        {
            throw Error(expr.Position, "ranges only allowed for vector selectors");
        }
        if (vs.Modifiers != default)
        {
            throw Error(open.Position, "no offset or @ modifiers allowed before range");
        }
        if (range <= 0 && !(rangeExpr is not null && DurationExpressions.DependsOnQuery(rangeExpr)))
        {
            throw Error(open.Position, $"range must be positive, got {range}ms");
        }
        return new MatrixSelector(vs, range) { Position = vs.Position, RangeExpr = rangeExpr };
    }

    private Expr ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral(t.Number) { Position = t.Position };
            case TokenKind.Duration:
                Advance();
                return new NumberLiteral(t.DurationMs / 1000.0) { Position = t.Position };
            case TokenKind.String:
                Advance();
                return new StringLiteral(t.Text) { Position = t.Position };
            case TokenKind.LeftParen:
                {
                    Advance();
                    var inner = ParseExpr(0);
                    Expect(TokenKind.RightParen, "paren expression");
                    return new ParenExpr(inner) { Position = t.Position };
                }
            case TokenKind.LeftBrace:
                return ParseSelector(null, t.Position);
            case TokenKind.Identifier:
                return ParseIdentifierExpr();
            default:
                throw Unexpected(t, null);
        }
    }

    private Expr ParseIdentifierExpr()
    {
        var t = Advance();
        var next = Current;
        if (AggregateOps.TryParse(t.Text, out var aggOp) &&
            (next.Kind == TokenKind.LeftParen || (next.Kind == TokenKind.Identifier && next.Text is "by" or "without")))
        {
            return ParseAggregate(t, aggOp);
        }
        if (next.Kind == TokenKind.LeftParen)
        {
            var lower = t.Text.ToLowerInvariant();
            if (DurationExpressions.IsDurationFunction(lower) && Functions.TryGet(lower, out var durationFn))
            {
                return ParseCall(t, durationFn);
            }
            if (!Functions.TryGet(t.Text, out var fn))
            {
                throw Error(t.Position, $"unknown function with name \"{t.Text}\"");
            }
            return ParseCall(t, fn);
        }
        if (IsKeyword(t.Text) || t.Text is "start" or "end")
        {
            if (t.Text is not ("start" or "end"))
            {
                throw Unexpected(t, null);
            }
        }
        return ParseSelector(t.Text, t.Position);
    }

    private Call ParseCall(Token nameToken, FunctionInfo fn)
    {
        Expect(TokenKind.LeftParen, "function call");
        var args = new List<Expr>();
        while (Current.Kind != TokenKind.RightParen)
        {
            args.Add(ParseExpr(0));
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                if (Current.Kind == TokenKind.RightParen)
                {
                    throw Unexpected(Current, "function call");
                }
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected(Current, "function call");
            }
        }
        Advance();
        CheckCall(nameToken, fn, args);
        return new Call(fn, args) { Position = nameToken.Position };
    }

    private void CheckCall(Token nameToken, FunctionInfo fn, List<Expr> args)
    {
        var pos = nameToken.Position;
        var fixedCount = fn.ArgTypes.Length;
        if (fn.Variadic == 0)
        {
            if (args.Count != fixedCount)
            {
                throw Error(pos, $"expected {fixedCount} argument(s) in call to \"{fn.Name}\", got {args.Count}");
            }
        }
        else if (fn.Variadic > 0)
        {
            var min = fixedCount - fn.Variadic;
            if (args.Count < min || args.Count > fixedCount)
            {
                var bound = args.Count < min ? $"at least {min}" : $"at most {fixedCount}";
                throw Error(pos, $"expected {bound} argument(s) in call to \"{fn.Name}\", got {args.Count}");
            }
        }
        else
        {
            var min = fixedCount - 1;
            if (args.Count < min)
            {
                throw Error(pos, $"expected at least {min} argument(s) in call to \"{fn.Name}\", got {args.Count}");
            }
        }
        for (var i = 0; i < args.Count; i++)
        {
            var expected = i < fixedCount ? fn.ArgTypes[i] : fn.ArgTypes[^1];
            var actual = args[i].Type;
            if (actual != expected)
            {
                throw Error(args[i].Position, $"expected type {PromValueTypeNames.Name(expected)} in call to function \"{fn.Name}\", got {PromValueTypeNames.Name(actual)}");
            }
        }
    }

    private AggregateExpr ParseAggregate(Token nameToken, AggregateOp op)
    {
        IReadOnlyList<string> grouping = [];
        var without = false;
        var groupingWritten = false;
        if (Current.Kind == TokenKind.Identifier && Current.Text is "by" or "without")
        {
            without = Advance().Text == "without";
            grouping = ParseLabelList("grouping opts");
            groupingWritten = true;
        }
        Expect(TokenKind.LeftParen, "aggregation");
        var args = new List<Expr>();
        while (Current.Kind != TokenKind.RightParen)
        {
            args.Add(ParseExpr(0));
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
            }
            else if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected(Current, "aggregation");
            }
        }
        var close = Advance();
        if (Current.Kind == TokenKind.Identifier && Current.Text is "by" or "without")
        {
            if (groupingWritten)
            {
                throw Unexpected(Current, "aggregation");
            }
            without = Advance().Text == "without";
            grouping = ParseLabelList("grouping opts");
            groupingWritten = true;
        }
        var name = AggregateOps.Name(op);
        var wanted = AggregateOps.HasParameter(op) ? 2 : 1;
        if (args.Count != wanted)
        {
            if (args.Count == 0)
            {
                throw Error(close.Position, "no arguments for aggregate expression provided");
            }
            throw Error(nameToken.Position, $"wrong number of arguments for aggregate expression provided, expected {wanted}, got {args.Count}");
        }
        Expr? parameter = wanted == 2 ? args[0] : null;
        var inner = args[^1];
        if (inner.Type != PromValueType.Vector)
        {
            throw Error(inner.Position, $"expected type instant vector in aggregation expression, got {PromValueTypeNames.Name(inner.Type)}");
        }
        if (parameter is not null)
        {
            var expected = op == AggregateOp.CountValues ? PromValueType.String : PromValueType.Scalar;
            if (parameter.Type != expected)
            {
                throw Error(parameter.Position, $"expected type {PromValueTypeNames.Name(expected)} in aggregation parameter, got {PromValueTypeNames.Name(parameter.Type)}");
            }
        }
        return new AggregateExpr(op, inner, parameter, grouping, without, groupingWritten) { Position = nameToken.Position };
    }

    private VectorSelector ParseSelector(string? name, int position)
    {
        var matchers = new List<LabelMatcher>();
        var nameInBraces = false;
        if (name is not null)
        {
            matchers.Add(new LabelMatcher(MatchType.Equal, LabelNames.MetricName, name));
        }
        if (Current.Kind == TokenKind.LeftBrace)
        {
            Advance();
            while (Current.Kind != TokenKind.RightBrace)
            {
                var labelToken = Current;
                string label;
                if (labelToken.Kind is TokenKind.Identifier or TokenKind.String)
                {
                    Advance();
                    label = labelToken.Text;
                }
                else
                {
                    throw Unexpected(labelToken, "label matching");
                }
                if (labelToken.Kind == TokenKind.String && Current.Kind is TokenKind.Comma or TokenKind.RightBrace)
                {
                    // A bare quoted string inside braces is the metric name (UTF-8 metric names).
                    if (name is not null)
                    {
                        throw Error(labelToken.Position, "metric name must not be set twice: \"" + name + "\" or \"" + label + "\"");
                    }
                    name = label;
                    nameInBraces = true;
                    // Kept where it was written, as Prometheus keeps it (parse_query lists matchers in order).
                    matchers.Add(new LabelMatcher(MatchType.Equal, LabelNames.MetricName, label));
                }
                else
                {
                    var opToken = Advance();
                    var type = opToken.Kind switch
                    {
                        TokenKind.Assign => MatchType.Equal,
                        TokenKind.Neq => MatchType.NotEqual,
                        TokenKind.EqlRegex => MatchType.Regex,
                        TokenKind.NeqRegex => MatchType.NotRegex,
                        _ => throw Unexpected(opToken, "label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\""),
                    };
                    var valueToken = Current;
                    if (valueToken.Kind != TokenKind.String)
                    {
                        throw Unexpected(valueToken, "label matching, expected string");
                    }
                    Advance();
                    try
                    {
                        matchers.Add(new LabelMatcher(type, label, valueToken.Text));
                    }
                    catch (ArgumentException ex)
                    {
                        throw Error(valueToken.Position, ex.Message);
                    }
                }
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                }
                else if (Current.Kind != TokenKind.RightBrace)
                {
                    throw Unexpected(Current, "label matching, expected \",\" or \"}\"");
                }
            }
            Advance();
        }
        return new VectorSelector(name, matchers) { Position = position, NameInBraces = nameInBraces };
    }
}
