using System.Text.Json.Serialization;

namespace Argus.Templates.Alertmanager;

/// <summary>A label or annotation name and value (Alertmanager's <c>template.Pair</c>).</summary>
public sealed record Pair([property: JsonPropertyName("Name")] string Name, [property: JsonPropertyName("Value")] string Value)
{
    /// <summary>Go's <c>%v</c> of the struct: <c>{name value}</c>.</summary>
    public override string ToString() => "{" + Name + " " + Value + "}";
}
