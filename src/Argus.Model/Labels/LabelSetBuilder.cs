namespace Argus.Model.Labels;

/// <summary>
/// Mutable staging area for a <see cref="LabelSet"/>: set, delete, then <see cref="Build"/>.
/// Setting an empty value deletes the label, as in Prometheus. Names and values are interned.
/// </summary>
/// <remarks>Not thread-safe; reuse one builder per worker with <see cref="Reset(LabelSet?)"/>.</remarks>
public sealed class LabelSetBuilder
{
    private readonly List<Label> _labels = new(16);

    public LabelSetBuilder()
    {
    }

    public LabelSetBuilder(LabelSet initial)
    {
        Reset(initial);
    }

    /// <summary>Clears the builder and, if given, starts again from <paramref name="initial"/>.</summary>
    public LabelSetBuilder Reset(LabelSet? initial = null)
    {
        _labels.Clear();
        if (initial is not null)
        {
            foreach (var label in initial.AsSpan())
            {
                _labels.Add(label);
            }
        }
        return this;
    }

    public int Count => _labels.Count;

    /// <summary>The labels currently staged, in no particular order, without copying. The span is
    /// only valid until the next call that changes the builder; copy it first if you need to
    /// change the builder while walking it (relabeling does).</summary>
    public ReadOnlySpan<Label> AsSpan() => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_labels);

    /// <summary>Sets (or with an empty value, removes) one label.</summary>
    public LabelSetBuilder Set(string name, string value)
    {
        var index = IndexOf(name);
        if (value.Length == 0)
        {
            if (index >= 0)
            {
                _labels.RemoveAt(index);
            }
            return this;
        }
        var label = new Label(LabelStrings.Intern(name), LabelStrings.Intern(value));
        if (index >= 0)
        {
            _labels[index] = label;
        }
        else
        {
            _labels.Add(label);
        }
        return this;
    }

    public LabelSetBuilder Delete(string name)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _labels.RemoveAt(index);
        }
        return this;
    }

    /// <summary>The current value of <paramref name="name"/>, or "".</summary>
    public string Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? string.Empty : _labels[index].Value;
    }

    /// <summary>Calls <paramref name="visit"/> for each label currently staged, in no particular order.</summary>
    public void ForEach(Action<Label> visit)
    {
        foreach (var label in _labels.ToArray())
        {
            visit(label);
        }
    }

    /// <summary>Keeps only the labels for which <paramref name="keep"/> is true.</summary>
    public LabelSetBuilder Keep(Func<Label, bool> keep)
    {
        _labels.RemoveAll(l => !keep(l));
        return this;
    }

    public LabelSet Build()
    {
        if (_labels.Count == 0)
        {
            return LabelSet.Empty;
        }
        var array = _labels.ToArray();
        Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return LabelSet.FromSortedUnique(array);
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _labels.Count; i++)
        {
            if (string.Equals(_labels[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
