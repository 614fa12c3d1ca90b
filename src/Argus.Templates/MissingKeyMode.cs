namespace Argus.Templates;

/// <summary>Go's <c>missingkey</c> option: what <c>.key</c> on a map yields when the key is absent.</summary>
public enum MissingKeyMode
{
    /// <summary>Go's default (<c>missingkey=default</c>/<c>invalid</c>): no value, printed <c>&lt;no value&gt;</c>.</summary>
    Default,

    /// <summary><c>missingkey=zero</c>: the zero value of the map's element type (<c>""</c> for string maps).</summary>
    Zero,

    /// <summary><c>missingkey=error</c>: execution stops with an error.</summary>
    Error,
}
