namespace Argus.Templates.Formatting;

/// <summary>How a .NET value behaves in Go terms.</summary>
public enum GoKind
{
    /// <summary>Go's invalid value (a missing map key).</summary>
    Invalid,
    Nil,
    Bool,
    Int,
    Uint,
    Float,
    String,
    Map,
    Slice,
    Time,
    Duration,
    Func,
    Struct,
}
