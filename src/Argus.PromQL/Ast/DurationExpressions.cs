using Argus.PromQL.Parser;

namespace Argus.PromQL.Ast;

/// <summary>
/// Duration expressions (experimental PromQL syntax): arithmetic over numbers (seconds), durations,
/// <c>step()</c>, <c>range()</c>, <c>min_of</c> and <c>max_of</c>, used in ranges, subquery steps and offsets.
/// </summary>
public static class DurationExpressions
{
    public static bool IsDurationFunction(string name) => name is "step" or "range" or "min_of" or "max_of" or "start" or "end";

    /// <summary>Throws a parse error unless <paramref name="expr"/> is a valid duration expression.</summary>
    public static void Validate(Expr expr, string query)
    {
        switch (expr)
        {
            case NumberLiteral:
                return;
            case ParenExpr p:
                Validate(p.Inner, query);
                return;
            case UnaryExpr u:
                Validate(u.Operand, query);
                return;
            case BinaryExpr b when b.Op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Pow:
                Validate(b.Left, query);
                Validate(b.Right, query);
                return;
            case Call c when c.Function.Name is "step" or "range" or "min_of" or "max_of":
                foreach (var a in c.Args)
                {
                    Validate(a, query);
                }
                return;
            default:
                throw new PromqlParseException(query, expr.Position, "invalid duration expression: " + expr);
        }
    }

    /// <summary>True when the value needs the query's step or range.</summary>
    public static bool DependsOnQuery(Expr expr) => expr switch
    {
        Call { Function.Name: "step" or "range" } => true,
        _ => expr.Children.Any(DependsOnQuery),
    };

    /// <summary>The value in milliseconds, given the query step and range in ms.</summary>
    public static long Evaluate(Expr expr, long stepMs, long rangeMs) => (long)Math.Round(Seconds(expr, stepMs, rangeMs) * 1000);

    private static double Seconds(Expr expr, long stepMs, long rangeMs) => expr switch
    {
        NumberLiteral n => n.Value,
        ParenExpr p => Seconds(p.Inner, stepMs, rangeMs),
        UnaryExpr u => u.Negate ? -Seconds(u.Operand, stepMs, rangeMs) : Seconds(u.Operand, stepMs, rangeMs),
        BinaryExpr b => Apply(b.Op, Seconds(b.Left, stepMs, rangeMs), Seconds(b.Right, stepMs, rangeMs)),
        Call { Function.Name: "step" } => stepMs / 1000.0,
        Call { Function.Name: "range" } => rangeMs / 1000.0,
        Call { Function.Name: "min_of" } c => Math.Min(Seconds(c.Args[0], stepMs, rangeMs), Seconds(c.Args[1], stepMs, rangeMs)),
        Call { Function.Name: "max_of" } c => Math.Max(Seconds(c.Args[0], stepMs, rangeMs), Seconds(c.Args[1], stepMs, rangeMs)),
        _ => throw new ArgumentException("not a duration expression: " + expr, nameof(expr)),
    };

    private static double Apply(BinaryOp op, double l, double r) => op switch
    {
        BinaryOp.Add => l + r,
        BinaryOp.Sub => l - r,
        BinaryOp.Mul => l * r,
        BinaryOp.Div => l / r,
        BinaryOp.Mod => l % r,
        _ => Math.Pow(l, r),
    };
}
