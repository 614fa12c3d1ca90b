using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Silences;

/// <summary>
/// An immutable lookup of the muting silences that are not expired, built once per change of the silence set.
/// A silence with an equality matcher is filed under that (name, value), so an alert only checks the
/// silences filed under one of its own labels plus the few without any equality matcher; this keeps
/// 10 000 alerts × 10 000 silences to a handful of matcher checks per alert.
/// </summary>
internal sealed class SilenceIndex
{
    private readonly Dictionary<(string Name, string Value), List<Silence>> _byLabel = [];
    private readonly List<Silence> _unindexed = [];

    public SilenceIndex(long version, IEnumerable<Silence> silences, DateTime now)
    {
        Version = version;
        foreach (var silence in silences)
        {
            // Acknowledgement silences (an Argus convention) mute nothing.
            if (silence.StateAt(now) == SilenceState.Expired || silence.IsAcknowledgement)
            {
                continue;
            }
            var key = silence.Matchers.FirstOrDefault(m => m.Type == MatchType.Equal && m.Value.Length > 0);
            if (key is null)
            {
                _unindexed.Add(silence);
                continue;
            }
            if (!_byLabel.TryGetValue((key.Name, key.Value), out var list))
            {
                _byLabel[(key.Name, key.Value)] = list = [];
            }
            list.Add(silence);
        }
    }

    public long Version { get; }

    /// <summary>Ids of the silences active at <paramref name="now"/> that match <paramref name="labels"/>, sorted.</summary>
    public List<string> ActiveMatching(LabelSet labels, DateTime now)
    {
        var result = new List<string>();
        foreach (var label in labels.AsSpan())
        {
            if (_byLabel.TryGetValue((label.Name, label.Value), out var list))
            {
                Collect(list, labels, now, result);
            }
        }
        Collect(_unindexed, labels, now, result);
        if (result.Count > 1)
        {
            result.Sort(StringComparer.Ordinal);
        }
        return result;
    }

    private static void Collect(List<Silence> candidates, LabelSet labels, DateTime now, List<string> result)
    {
        foreach (var silence in candidates)
        {
            if (silence.StateAt(now) == SilenceState.Active && silence.Matches(labels))
            {
                result.Add(silence.Id);
            }
        }
    }
}
