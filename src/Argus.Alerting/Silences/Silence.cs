using Argus.Model.Labels;

namespace Argus.Alerting.Silences;

/// <summary>
/// A silence: alerts matching all its matchers are muted between <see cref="StartsAt"/> and <see cref="EndsAt"/>.
/// Immutable; the store replaces a silence by a new instance on every change.
/// </summary>
public sealed record Silence
{
    /// <summary>A UUID assigned by the store; empty for a silence not yet created.</summary>
    public string Id { get; init; } = string.Empty;

    public required IReadOnlyList<LabelMatcher> Matchers { get; init; }

    public DateTime StartsAt { get; init; }

    public DateTime EndsAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public string CreatedBy { get; init; } = string.Empty;

    public string Comment { get; init; } = string.Empty;

    public SilenceState StateAt(DateTime now) =>
        now < StartsAt ? SilenceState.Pending : now < EndsAt ? SilenceState.Active : SilenceState.Expired;

    /// <summary>Whether every matcher matches <paramref name="labels"/> (a missing label is the empty value).</summary>
    public bool Matches(LabelSet labels)
    {
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(labels.Get(matcher.Name)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Matchers equal in type, name and value, in order (Alertmanager's update rule compares them so).</summary>
    public bool SameMatchers(Silence other) => Matchers.SequenceEqual(other.Matchers);
}
