namespace Argus.Instrumentation.Metrics;

/// <summary>Structural, ordinal equality for arrays of label values, used to key family children.</summary>
internal sealed class LabelValuesComparer : IEqualityComparer<string[]>
{
    public static readonly LabelValuesComparer Instance = new();

    public bool Equals(string[]? x, string[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(string[] obj)
    {
        var hash = new HashCode();
        foreach (var value in obj)
        {
            hash.Add(value, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }
}
