namespace Argus.PromQL.Ast;

public enum BinaryOp : byte
{
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Atan2,
    Eql,
    Neq,
    Gtr,
    Lss,
    Gte,
    Lte,
    And,
    Or,
    Unless,

    /// <summary><c>&lt;/</c>: keeps the part of each histogram below the scalar (experimental).</summary>
    TrimUpper,

    /// <summary><c>&gt;/</c>: keeps the part of each histogram above the scalar (experimental).</summary>
    TrimLower,
}
