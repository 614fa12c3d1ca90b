using Argus.Model.Labels;

namespace Argus.Storage.InMemory;

/// <summary>Answers selections from a snapshot by scanning every series (fine for tests).</summary>
internal sealed class InMemoryQuerier(List<InMemorySeriesSnapshot> series) : IQuerier
{
    public ISeriesSet Select(bool sorted, SelectHints? hints, params IReadOnlyList<LabelMatcher> matchers)
    {
        var anyNonEmpty = false;
        foreach (var m in matchers)
        {
            anyNonEmpty |= !m.MatchesEmpty;
        }
        if (!anyNonEmpty)
        {
            throw new ArgumentException("at least one matcher must not match the empty string", nameof(matchers));
        }
        var result = new List<ISeries>();
        foreach (var s in series)
        {
            if (MatchesAll(s.Labels, matchers))
            {
                result.Add(s);
            }
        }
        if (sorted)
        {
            result.Sort((a, b) => a.Labels.CompareTo(b.Labels));
        }
        return new InMemorySeriesSet(result);
    }

    private static bool MatchesAll(LabelSet labels, IReadOnlyList<LabelMatcher> matchers)
    {
        foreach (var m in matchers)
        {
            if (!m.Matches(labels.Get(m.Name)))
            {
                return false;
            }
        }
        return true;
    }

    public IReadOnlyList<string> LabelNames(params IReadOnlyList<LabelMatcher> matchers)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (matchers.Count == 0 || MatchesAll(s.Labels, matchers))
            {
                foreach (var l in s.Labels)
                {
                    names.Add(l.Name);
                }
            }
        }
        return [.. names];
    }

    public IReadOnlyList<string> LabelValues(string name, params IReadOnlyList<LabelMatcher> matchers)
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            if (matchers.Count == 0 || MatchesAll(s.Labels, matchers))
            {
                var v = s.Labels.Get(name);
                if (v.Length > 0)
                {
                    values.Add(v);
                }
            }
        }
        return [.. values];
    }

    public void Dispose()
    {
    }
}
