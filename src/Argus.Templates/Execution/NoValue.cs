namespace Argus.Templates.Execution;

/// <summary>
/// Go's invalid <c>reflect.Value</c>: the result of a missing map key or of nil data. Printed as
/// <c>&lt;no value&gt;</c>; it is false in conditions and becomes nil when passed to a function.
/// </summary>
internal sealed class NoValue
{
    public static readonly NoValue Instance = new();

    private NoValue()
    {
    }

    public override string ToString() => "<no value>";
}
