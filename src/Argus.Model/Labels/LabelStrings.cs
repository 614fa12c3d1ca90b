using System.Collections.Concurrent;

namespace Argus.Model.Labels;

/// <summary>
/// Process-wide pool of label names and values. Millions of series share a few thousand distinct
/// strings, so interning them is the largest single saving in head memory. Lookups by span do not
/// allocate when the string is already pooled, which is the steady state of a scrape.
/// </summary>
/// <remarks>Thread-safe. Strings are never evicted: the set of label strings a server sees is bounded
/// by its cardinality, which the head already keeps in memory.</remarks>
public static class LabelStrings
{
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Returns the pooled instance equal to <paramref name="value"/>, adding it if new.</summary>
    public static string Intern(string value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }
        return Pool.GetOrAdd(value, value);
    }

    /// <summary>Returns the pooled instance equal to <paramref name="value"/>; allocates only when it is new.</summary>
    public static string Intern(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }
        if (SpanLookup.TryGetValue(value, out var existing))
        {
            return existing;
        }
        var created = value.ToString();
        return Pool.GetOrAdd(created, created);
    }

    /// <summary>The pooled instance equal to <paramref name="value"/>, if there is one; never adds.</summary>
    public static bool TryGetPooled(ReadOnlySpan<char> value, out string pooled)
    {
        if (value.IsEmpty)
        {
            pooled = string.Empty;
            return true;
        }
        return SpanLookup.TryGetValue(value, out pooled!);
    }

    /// <summary>Number of distinct pooled strings (exposed as a self-metric).</summary>
    public static int Count => Pool.Count;
}
