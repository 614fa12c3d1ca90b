using System.Text;
using Argus.Model.Formatting;
using Argus.Model.Labels;
using Argus.Model.Time;

namespace Argus.PromQL.Ast;

/// <summary>Prints an expression tree as canonical PromQL (the format of /api/v1/format_query without
/// indentation). The output parses back to an equal tree.</summary>
public static class AstPrinter
{
    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Expr expr)
    {
        switch (expr)
        {
            case NumberLiteral n:
                sb.Append(double.IsPositiveInfinity(n.Value) ? "Inf" : GoFloat.FormatG(n.Value));
                break;
            case StringLiteral s:
                sb.Append(LabelValueQuoting.Quote(s.Value));
                break;
            case ParenExpr p:
                sb.Append('(');
                Write(sb, p.Inner);
                sb.Append(')');
                break;
            case UnaryExpr u:
                sb.Append(u.Negate ? '-' : '+');
                Write(sb, u.Operand);
                break;
            case VectorSelector vs:
                WriteSelector(sb, vs);
                WriteModifiers(sb, vs.Modifiers);
                break;
            case MatrixSelector ms:
                WriteSelector(sb, ms.Selector);
                sb.Append('[');
                WriteDuration(sb, ms.RangeExpr, ms.RangeMs);
                sb.Append(']');
                if (ms.Anchored)
                {
                    sb.Append(" anchored");
                }
                WriteModifiers(sb, ms.Selector.Modifiers);
                break;
            case SubqueryExpr sq:
                Write(sb, sq.Inner);
                sb.Append('[');
                WriteDuration(sb, sq.RangeExpr, sq.RangeMs);
                sb.Append(':');
                if (sq.StepExpr is not null || sq.StepMs > 0)
                {
                    WriteDuration(sb, sq.StepExpr, sq.StepMs);
                }
                sb.Append(']');
                WriteModifiers(sb, sq.Modifiers);
                break;
            case BinaryExpr b:
                WriteBinary(sb, b);
                break;
            case AggregateExpr a:
                WriteAggregate(sb, a);
                break;
            case Call c:
                sb.Append(c.Function.Name).Append('(');
                for (var i = 0; i < c.Args.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    Write(sb, c.Args[i]);
                }
                sb.Append(')');
                break;
            default:
                throw new ArgumentException($"cannot print node of type {expr.GetType().Name}", nameof(expr));
        }
    }

    private static void WriteBinary(StringBuilder sb, BinaryExpr b)
    {
        Write(sb, b.Left);
        sb.Append(' ').Append(BinaryOps.Text(b.Op));
        if (b.ReturnBool)
        {
            sb.Append(" bool");
        }
        var m = b.Matching;
        if (m is not null && (m.MatchingLabels.Count > 0 || m.On || m.Cardinality is MatchCardinality.ManyToOne or MatchCardinality.OneToMany))
        {
            sb.Append(m.On ? " on " : " ignoring ");
            WriteLabelList(sb, m.MatchingLabels);
            if (m.Cardinality is MatchCardinality.ManyToOne or MatchCardinality.OneToMany)
            {
                sb.Append(m.Cardinality == MatchCardinality.ManyToOne ? " group_left " : " group_right ");
                WriteLabelList(sb, m.Include);
            }
        }
        if (m is not null)
        {
            WriteFill(sb, m);
        }
        sb.Append(' ');
        Write(sb, b.Right);
    }

    /// <summary>One <c>fill(v)</c> when both sides share a value, else each side that has one.</summary>
    private static void WriteFill(StringBuilder sb, VectorMatching m)
    {
        if (m.FillLeft is { } both && m.FillRight is { } right && both.Equals(right))
        {
            sb.Append(" fill(");
            WriteFillValue(sb, both);
            sb.Append(')');
            return;
        }
        if (m.FillLeft is { } left)
        {
            sb.Append(" fill_left(");
            WriteFillValue(sb, left);
            sb.Append(')');
        }
        if (m.FillRight is { } r)
        {
            sb.Append(" fill_right(");
            WriteFillValue(sb, r);
            sb.Append(')');
        }
    }

    private static void WriteFillValue(StringBuilder sb, double value) =>
        sb.Append(double.IsPositiveInfinity(value) ? "Inf" : double.IsNegativeInfinity(value) ? "-Inf" : GoFloat.FormatG(value));

    private static void WriteAggregate(StringBuilder sb, AggregateExpr a)
    {
        sb.Append(AggregateOps.Name(a.Op));
        if (a.Without)
        {
            sb.Append(" without ");
            WriteLabelList(sb, a.Grouping);
            sb.Append(' ');
        }
        else if (a.Grouping.Count > 0)
        {
            sb.Append(" by ");
            WriteLabelList(sb, a.Grouping);
            sb.Append(' ');
        }
        sb.Append('(');
        if (a.Parameter is not null)
        {
            Write(sb, a.Parameter);
            sb.Append(", ");
        }
        Write(sb, a.Inner);
        sb.Append(')');
    }

    private static void WriteLabelList(StringBuilder sb, IReadOnlyList<string> labels)
    {
        sb.Append('(');
        for (var i = 0; i < labels.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            WriteLabelName(sb, labels[i]);
        }
        sb.Append(')');
    }

    private static void WriteLabelName(StringBuilder sb, string name)
    {
        if (LabelNames.IsValidLegacyName(name))
        {
            sb.Append(name);
        }
        else
        {
            sb.Append(LabelValueQuoting.Quote(name));
        }
    }

    private static void WriteSelector(StringBuilder sb, VectorSelector vs)
    {
        var name = vs.Name;
        var nameIsLegacy = name is not null && LabelNames.IsValidLegacyMetricName(name);
        var rest = new List<LabelMatcher>();
        var nameMatcherSkipped = false;
        foreach (var m in vs.Matchers)
        {
            if (name is not null && !nameMatcherSkipped && m.Name == LabelNames.MetricName && m.Type == Model.Labels.MatchType.Equal && m.Value == name)
            {
                nameMatcherSkipped = true;
                continue;
            }
            rest.Add(m);
        }
        if (name is not null && nameIsLegacy)
        {
            sb.Append(name);
            if (rest.Count == 0)
            {
                return;
            }
        }
        sb.Append('{');
        var first = true;
        if (name is not null && !nameIsLegacy)
        {
            sb.Append(LabelValueQuoting.Quote(name));
            first = false;
        }
        foreach (var m in rest)
        {
            if (!first)
            {
                sb.Append(", ");
            }
            first = false;
            WriteLabelName(sb, m.Name);
            sb.Append(m.Type switch
            {
                Model.Labels.MatchType.Equal => "=",
                Model.Labels.MatchType.NotEqual => "!=",
                Model.Labels.MatchType.Regex => "=~",
                _ => "!~",
            });
            sb.Append(LabelValueQuoting.Quote(m.Value));
        }
        sb.Append('}');
    }

    private static void WriteDuration(StringBuilder sb, Expr? expr, long ms)
    {
        if (expr is null)
        {
            sb.Append(PromDuration.FormatMilliseconds(ms));
        }
        else
        {
            Write(sb, expr);
        }
    }

    private static void WriteModifiers(StringBuilder sb, TimeModifiers mods)
    {
        switch (mods.At)
        {
            case AtModifier.Timestamp:
                sb.Append(" @ ").Append((mods.AtMs / 1000.0).ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case AtModifier.Start:
                sb.Append(" @ start()");
                break;
            case AtModifier.End:
                sb.Append(" @ end()");
                break;
        }
        if (mods.OffsetExpr is not null)
        {
            sb.Append(" offset ");
            var wrap = mods.OffsetExpr is not (NumberLiteral or ParenExpr or Call);
            sb.Append(wrap ? "(" : string.Empty);
            Write(sb, mods.OffsetExpr);
            sb.Append(wrap ? ")" : string.Empty);
        }
        else if (mods.OffsetMs != 0)
        {
            sb.Append(" offset ");
            if (mods.OffsetMs < 0)
            {
                sb.Append('-').Append(PromDuration.FormatMilliseconds(-mods.OffsetMs));
            }
            else
            {
                sb.Append(PromDuration.FormatMilliseconds(mods.OffsetMs));
            }
        }
    }
}
