using Argus.Model.Formatting;
using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.Web.Api.Json;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Web.Api.V1;

/// <summary>
/// Writes a parsed expression as the JSON tree of Prometheus 3's <c>/api/v1/parse_query</c> (the tree its UI's
/// explain view draws). Prometheus builds Go maps, which encoding/json writes with sorted keys, so every object
/// here lists its keys alphabetically. The shape is that of Prometheus 3.0 to 3.6; later versions add fields
/// for experimental syntax Argus does not parse (<c>anchored</c>, <c>smoothed</c>, <c>fillValues</c>,
/// <c>alignEvalTime</c>).
/// </summary>
public static class SyntaxTreeWriter
{
    public static void Write(GoJsonWriter writer, Expr? expr)
    {
        switch (expr)
        {
            case null:
                writer.Null();
                break;
            case AggregateExpr a:
                writer.StartObject();
                writer.Name("expr");
                Write(writer, a.Inner);
                WriteList(writer, "grouping", a.Grouping);
                writer.Property("op", AggregateOps.Name(a.Op));
                writer.Name("param");
                Write(writer, a.Parameter);
                writer.Property("type", "aggregation");
                writer.Name("without");
                writer.Bool(a.Without);
                writer.EndObject();
                break;
            case BinaryExpr b:
                WriteBinary(writer, b);
                break;
            case Call c:
                WriteCall(writer, c);
                break;
            case MatrixSelector m:
                WriteSelector(writer, m.Selector, "matrixSelector", m.RangeMs);
                break;
            case SubqueryExpr s:
                writer.StartObject();
                writer.Name("expr");
                Write(writer, s.Inner);
                writer.Name("offset");
                writer.Number(s.Modifiers.OffsetMs);
                writer.Name("range");
                writer.Number(s.RangeMs);
                WriteAt(writer, s.Modifiers, "step", s.StepMs);
                writer.Property("type", "subquery");
                writer.EndObject();
                break;
            case NumberLiteral n:
                writer.StartObject();
                writer.Property("type", "numberLiteral");
                writer.Property("val", GoFloat.FormatF(n.Value));
                writer.EndObject();
                break;
            case ParenExpr p:
                writer.StartObject();
                writer.Name("expr");
                Write(writer, p.Inner);
                writer.Property("type", "parenExpr");
                writer.EndObject();
                break;
            case StringLiteral s:
                writer.StartObject();
                writer.Property("type", "stringLiteral");
                writer.Property("val", s.Value);
                writer.EndObject();
                break;
            case UnaryExpr u:
                writer.StartObject();
                writer.Name("expr");
                Write(writer, u.Operand);
                writer.Property("op", u.Negate ? "-" : "+");
                writer.Property("type", "unaryExpr");
                writer.EndObject();
                break;
            case VectorSelector v:
                WriteSelector(writer, v, "vectorSelector", rangeMs: null);
                break;
            default:
                throw new ArgumentException($"no parse_query shape for node {expr.GetType().Name}", nameof(expr));
        }
    }

    private static void WriteBinary(GoJsonWriter writer, BinaryExpr b)
    {
        writer.StartObject();
        writer.Name("bool");
        writer.Bool(b.ReturnBool);
        writer.Name("lhs");
        Write(writer, b.Left);
        writer.Name("matching");
        if (b.Matching is { } m)
        {
            writer.StartObject();
            writer.Property("card", m.Cardinality switch
            {
                MatchCardinality.ManyToOne => "many-to-one",
                MatchCardinality.OneToMany => "one-to-many",
                MatchCardinality.ManyToMany => "many-to-many",
                _ => "one-to-one",
            });
            WriteList(writer, "include", m.Include);
            WriteList(writer, "labels", m.MatchingLabels);
            writer.Name("on");
            writer.Bool(m.On);
            writer.EndObject();
        }
        else
        {
            writer.Null();
        }
        writer.Property("op", BinaryOps.Text(b.Op));
        writer.Name("rhs");
        Write(writer, b.Right);
        writer.Property("type", "binaryExpr");
        writer.EndObject();
    }

    private static void WriteCall(GoJsonWriter writer, Call c)
    {
        writer.StartObject();
        writer.Name("args");
        writer.StartArray();
        foreach (var arg in c.Args)
        {
            Write(writer, arg);
        }
        writer.EndArray();
        writer.Name("func");
        writer.StartObject();
        writer.Name("argTypes");
        writer.StartArray();
        foreach (var type in c.Function.ArgTypes)
        {
            writer.String(PromValueTypeNames.ApiName(type));
        }
        writer.EndArray();
        writer.Property("name", c.Function.Name);
        writer.Property("returnType", PromValueTypeNames.ApiName(c.Function.ReturnType));
        writer.Name("variadic");
        writer.Number(c.Function.Variadic);
        writer.EndObject();
        writer.Property("type", "call");
        writer.EndObject();
    }

    /// <summary>A vector selector, or with <paramref name="rangeMs"/> the matrix selector around it.</summary>
    private static void WriteSelector(GoJsonWriter writer, VectorSelector v, string type, long? rangeMs)
    {
        writer.StartObject();
        writer.Name("matchers");
        writer.StartArray();
        // Prometheus appends the matcher of a name written before the braces after the written ones; Argus
        // keeps it first, so it moves to the end here. A name written inside the braces stays where it was.
        var nameMatcherMoved = !v.NameInBraces && v.Name is not null;
        LabelMatcher? moved = null;
        foreach (var m in v.Matchers)
        {
            if (nameMatcherMoved && moved is null && m.Name == LabelNames.MetricName && m.Type == MatchType.Equal && m.Value == v.Name)
            {
                moved = m;
                continue;
            }
            WriteMatcher(writer, m);
        }
        if (moved is not null)
        {
            WriteMatcher(writer, moved);
        }
        writer.EndArray();
        // The name of Prometheus' node is only the one written before the braces.
        writer.Property("name", v.NameInBraces ? string.Empty : v.Name ?? string.Empty);
        writer.Name("offset");
        writer.Number(v.Modifiers.OffsetMs);
        if (rangeMs is { } range)
        {
            writer.Name("range");
            writer.Number(range);
        }
        WriteAt(writer, v.Modifiers, step: null, stepMs: 0);
        writer.Property("type", type);
        writer.EndObject();
    }

    /// <summary>The <c>@</c> fields in key order, with the subquery's <c>step</c> sorted in between.</summary>
    private static void WriteAt(GoJsonWriter writer, TimeModifiers modifiers, string? step, long stepMs)
    {
        writer.Name("startOrEnd");
        switch (modifiers.At)
        {
            case AtModifier.Start:
                writer.String("start");
                break;
            case AtModifier.End:
                writer.String("end");
                break;
            default:
                writer.Null();
                break;
        }
        if (step is not null)
        {
            writer.Name(step);
            writer.Number(stepMs);
        }
        writer.Name("timestamp");
        if (modifiers.At == AtModifier.Timestamp)
        {
            writer.Number(modifiers.AtMs);
        }
        else
        {
            writer.Null();
        }
    }

    private static void WriteMatcher(GoJsonWriter writer, LabelMatcher m)
    {
        writer.StartObject();
        writer.Property("name", m.Name);
        writer.Property("type", m.Type switch
        {
            MatchType.Equal => "=",
            MatchType.NotEqual => "!=",
            MatchType.Regex => "=~",
            _ => "!~",
        });
        writer.Property("value", m.Value);
        writer.EndObject();
    }

    /// <summary>A label list; Prometheus writes an absent list as <c>[]</c>, never <c>null</c>.</summary>
    private static void WriteList(GoJsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.Name(name);
        writer.StartArray();
        foreach (var value in values)
        {
            writer.String(value);
        }
        writer.EndArray();
    }
}
