namespace Argus.Config;

/// <summary>
/// A password, token or other credential from a configuration file. <see cref="ToString"/> never
/// reveals it (it prints <c>&lt;secret&gt;</c>, as Prometheus does when dumping its configuration);
/// code that needs the real value reads <see cref="Value"/> explicitly.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    /// <summary>What a secret prints as.</summary>
    public const string Mask = "<secret>";

    public Secret(string value)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The secret itself. Do not log it.</summary>
    public string Value { get; }

    /// <summary>True when the secret is the empty string (Go treats that as "not set").</summary>
    public bool IsEmpty => Value.Length == 0;

    public override string ToString() => Mask;

    public bool Equals(Secret? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Secret other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
