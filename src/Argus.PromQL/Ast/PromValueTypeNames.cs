namespace Argus.PromQL.Ast;

/// <summary>The names Prometheus uses for value types in error messages and API output.</summary>
public static class PromValueTypeNames
{
    public static string Name(PromValueType type) => type switch
    {
        PromValueType.Scalar => "scalar",
        PromValueType.Vector => "instant vector",
        PromValueType.Matrix => "range vector",
        PromValueType.String => "string",
        _ => "none",
    };

    /// <summary>The short name the HTTP API uses in <c>resultType</c>.</summary>
    public static string ApiName(PromValueType type) => type switch
    {
        PromValueType.Scalar => "scalar",
        PromValueType.Vector => "vector",
        PromValueType.Matrix => "matrix",
        PromValueType.String => "string",
        _ => "none",
    };
}
