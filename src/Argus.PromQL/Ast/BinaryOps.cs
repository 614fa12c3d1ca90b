namespace Argus.PromQL.Ast;

/// <summary>Facts about binary operators: spelling, precedence, classification.</summary>
public static class BinaryOps
{
    public static string Text(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Sub => "-",
        BinaryOp.Mul => "*",
        BinaryOp.Div => "/",
        BinaryOp.Mod => "%",
        BinaryOp.Pow => "^",
        BinaryOp.Atan2 => "atan2",
        BinaryOp.Eql => "==",
        BinaryOp.Neq => "!=",
        BinaryOp.Gtr => ">",
        BinaryOp.Lss => "<",
        BinaryOp.Gte => ">=",
        BinaryOp.Lte => "<=",
        BinaryOp.And => "and",
        BinaryOp.Or => "or",
        BinaryOp.TrimUpper => "</",
        BinaryOp.TrimLower => ">/",
        _ => "unless",
    };

    /// <summary>Higher binds tighter; matches Prometheus' grammar.</summary>
    public static int Precedence(BinaryOp op) => op switch
    {
        BinaryOp.Or => 1,
        BinaryOp.And or BinaryOp.Unless => 2,
        BinaryOp.Eql or BinaryOp.Neq or BinaryOp.Gtr or BinaryOp.Lss or BinaryOp.Gte or BinaryOp.Lte or BinaryOp.TrimUpper or BinaryOp.TrimLower => 3,
        BinaryOp.Add or BinaryOp.Sub => 4,
        BinaryOp.Mul or BinaryOp.Div or BinaryOp.Mod or BinaryOp.Atan2 => 5,
        _ => 6,
    };

    public static bool IsRightAssociative(BinaryOp op) => op == BinaryOp.Pow;

    public static bool IsComparison(BinaryOp op) => op is BinaryOp.Eql or BinaryOp.Neq or BinaryOp.Gtr or BinaryOp.Lss or BinaryOp.Gte or BinaryOp.Lte;

    /// <summary>The histogram trim operators, which keep the metric name like a filter does.</summary>
    public static bool IsTrim(BinaryOp op) => op is BinaryOp.TrimUpper or BinaryOp.TrimLower;

    public static bool IsSetOperator(BinaryOp op) => op is BinaryOp.And or BinaryOp.Or or BinaryOp.Unless;
}
