using System.Collections;
using System.Runtime.InteropServices;

namespace Argus.Model.Labels;

/// <summary>
/// The identity of a series: an immutable set of labels sorted by name, with unique names and no
/// empty values. Equality and ordering are by content; <see cref="StableHash"/> is the same in every
/// process and every version of Argus, so it may be persisted.
/// </summary>
/// <remarks>Immutable and thread-safe. Build one with <see cref="LabelSetBuilder"/> or <see cref="FromPairs"/>.</remarks>
public sealed class LabelSet : IEquatable<LabelSet>, IComparable<LabelSet>, IReadOnlyList<Label>
{
    /// <summary>The set with no labels.</summary>
    public static readonly LabelSet Empty = new([], ComputeHash([]));

    private readonly Label[] _labels;
    private readonly ulong _hash;

    private LabelSet(Label[] sortedUnique, ulong hash)
    {
        _labels = sortedUnique;
        _hash = hash;
    }

    /// <summary>Wraps an array the caller guarantees is sorted by name, free of duplicate names and
    /// empty values. The array is owned by the new set afterwards.</summary>
    internal static LabelSet FromSortedUnique(Label[] labels) =>
        labels.Length == 0 ? Empty : new LabelSet(labels, ComputeHash(labels));

    /// <summary>Builds a set from alternating name, value strings; empty values are dropped, a
    /// repeated name keeps the last value.</summary>
    public static LabelSet FromPairs(params string[] namesAndValues)
    {
        if (namesAndValues.Length % 2 != 0)
        {
            throw new ArgumentException("expected an even number of strings (name, value, ...)", nameof(namesAndValues));
        }
        var builder = new LabelSetBuilder();
        for (var i = 0; i < namesAndValues.Length; i += 2)
        {
            builder.Set(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.Build();
    }

    /// <summary>
    /// Builds a set from <paramref name="labels"/> with their strings used as given, not pooled: for callers that
    /// decide themselves which strings are worth pooling (the alert manager keeps unique annotation values out of the
    /// process-wide pool). Same rules as <see cref="FromPairs"/>: empty values are dropped, a repeated name keeps
    /// the last value. <paramref name="labels"/> is reordered in place.
    /// </summary>
    public static LabelSet FromUnpooled(Span<Label> labels)
    {
        if (labels.IsEmpty)
        {
            return Empty;
        }
        SortByNameStable(labels);
        var kept = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (i + 1 < labels.Length && string.Equals(labels[i + 1].Name, label.Name, StringComparison.Ordinal))
            {
                continue;
            }
            if (label.Value.Length > 0)
            {
                labels[kept++] = label;
            }
        }
        return FromSortedUnique(labels[..kept].ToArray());
    }

    // Stable, so that of a repeated name the last given stays last. Alerts carry a handful of labels, sorted in place
    // without allocating; a long list takes the array sort, which keeps a hostile body from costing n² comparisons.
    private static void SortByNameStable(Span<Label> labels)
    {
        if (labels.Length <= 32)
        {
            for (var i = 1; i < labels.Length; i++)
            {
                var label = labels[i];
                var j = i - 1;
                while (j >= 0 && string.CompareOrdinal(labels[j].Name, label.Name) > 0)
                {
                    labels[j + 1] = labels[j];
                    j--;
                }
                labels[j + 1] = label;
            }
            return;
        }
        var indexed = new (Label Label, int Position)[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            indexed[i] = (labels[i], i);
        }
        Array.Sort(indexed, static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Label.Name, b.Label.Name);
            return byName != 0 ? byName : a.Position.CompareTo(b.Position);
        });
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = indexed[i].Label;
        }
    }

    /// <summary>Builds a set from any labels; see <see cref="FromPairs"/> for the rules.</summary>
    public static LabelSet From(IEnumerable<Label> labels)
    {
        var builder = new LabelSetBuilder();
        foreach (var label in labels)
        {
            builder.Set(label.Name, label.Value);
        }
        return builder.Build();
    }

    public int Count => _labels.Length;

    public Label this[int index] => _labels[index];

    /// <summary>The labels in name order, without copying.</summary>
    public ReadOnlySpan<Label> AsSpan() => _labels;

    /// <summary>Stable 64-bit hash of names and values (FNV-1a over UTF-16 code units with separators).</summary>
    public ulong StableHash => _hash;

    /// <summary>The value of <paramref name="name"/>, or "" when the label is absent.</summary>
    public string Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? string.Empty : _labels[index].Value;
    }

    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>The metric name (<c>__name__</c>), or "".</summary>
    public string MetricName => Get(LabelNames.MetricName);

    private int IndexOf(string name)
    {
        int lo = 0, hi = _labels.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = string.CompareOrdinal(_labels[mid].Name, name);
            if (cmp == 0)
            {
                return mid;
            }
            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /// <summary>These labels without any of <paramref name="names"/>; this very set when none is present.
    /// Built straight into one array of the right size: PromQL drops <c>__name__</c> from every series a
    /// function returns, and going through a builder cost three objects per series.</summary>
    public LabelSet Without(ReadOnlySpan<string> names)
    {
        var removed = 0;
        foreach (var name in names)
        {
            removed += Has(name) ? 1 : 0;
        }
        if (removed == 0)
        {
            return this;
        }
        var kept = new Label[_labels.Length - removed];
        var n = 0;
        foreach (var label in _labels)
        {
            if (!names.Contains(label.Name))
            {
                kept[n++] = label;
            }
        }
        return FromSortedUnique(kept);
    }

    /// <summary>A builder initialised with these labels, for deriving a modified set.</summary>
    public LabelSetBuilder ToBuilder() => new(this);

    public bool Equals(LabelSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || other._hash != _hash || other._labels.Length != _labels.Length)
        {
            return false;
        }
        for (var i = 0; i < _labels.Length; i++)
        {
            if (!string.Equals(_labels[i].Name, other._labels[i].Name, StringComparison.Ordinal) ||
                !string.Equals(_labels[i].Value, other._labels[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is LabelSet other && Equals(other);

    public override int GetHashCode() => (int)(_hash ^ (_hash >> 32));

    /// <summary>Orders as Prometheus does: label by label, name then value, shorter set first on a tie.</summary>
    public int CompareTo(LabelSet? other)
    {
        if (other is null)
        {
            return 1;
        }
        var n = Math.Min(_labels.Length, other._labels.Length);
        for (var i = 0; i < n; i++)
        {
            var c = string.CompareOrdinal(_labels[i].Name, other._labels[i].Name);
            if (c != 0)
            {
                return c;
            }
            c = string.CompareOrdinal(_labels[i].Value, other._labels[i].Value);
            if (c != 0)
            {
                return c;
            }
        }
        return _labels.Length.CompareTo(other._labels.Length);
    }

    public static bool operator ==(LabelSet? a, LabelSet? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(LabelSet? a, LabelSet? b) => !(a == b);

    public IEnumerator<Label> GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Prometheus notation: <c>{a="1", b="2"}</c> with Go-style escaping of values.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append('{');
        for (var i = 0; i < _labels.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }
            sb.Append(_labels[i].Name).Append('=');
            LabelValueQuoting.AppendQuoted(sb, _labels[i].Value);
        }
        sb.Append('}');
        return sb.ToString();
    }

    internal static ulong ComputeHash(ReadOnlySpan<Label> labels)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var label in labels)
        {
            foreach (var b in MemoryMarshal.AsBytes(label.Name.AsSpan()))
            {
                hash = (hash ^ b) * prime;
            }
            hash = (hash ^ 0xff) * prime;
            foreach (var b in MemoryMarshal.AsBytes(label.Value.AsSpan()))
            {
                hash = (hash ^ b) * prime;
            }
            hash = (hash ^ 0xfe) * prime;
        }
        return hash;
    }
}
