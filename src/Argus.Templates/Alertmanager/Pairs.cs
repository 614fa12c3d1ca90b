using System.Collections;

namespace Argus.Templates.Alertmanager;

/// <summary>An ordered list of pairs (Alertmanager's <c>template.Pairs</c>), with <c>.Names</c> and <c>.Values</c>.</summary>
public sealed class Pairs(IReadOnlyList<Pair> pairs) : IReadOnlyList<Pair>
{
    private readonly IReadOnlyList<Pair> _pairs = pairs;

    public int Count => _pairs.Count;

    public Pair this[int index] => _pairs[index];

    public IReadOnlyList<string> Names() => [.. _pairs.Select(p => p.Name)];

    public IReadOnlyList<string> Values() => [.. _pairs.Select(p => p.Value)];

    /// <summary>Alertmanager's <c>Pairs.String()</c>: <c>name=value, name=value</c>.</summary>
    public override string ToString() => string.Join(", ", _pairs.Select(p => p.Name + "=" + p.Value));

    public IEnumerator<Pair> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
