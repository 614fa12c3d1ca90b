namespace Argus.PromQL.Ast;

/// <summary>The type an expression evaluates to, as named in PromQL error messages.</summary>
public enum PromValueType : byte
{
    None,
    Scalar,
    Vector,
    Matrix,
    String,
}
