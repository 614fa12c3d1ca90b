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

    /// <summary>The comment prefix that makes a silence an acknowledgement (an Argus convention usable from amtool):
    /// such a silence mutes nothing but acknowledges the alert groups it covers while it is active.</summary>
    public const string AcknowledgementPrefix = "ack:";

    /// <summary>The comment tag that asks for <see cref="ExpireOnResolve"/> (an Argus convention usable from amtool).</summary>
    public const string ExpireOnResolveTag = "[expire-on-resolve]";

    /// <summary>Argus extension: expire the silence once every alert it matches has resolved. Set by the API field
    /// <c>expireOnResolve</c>; <see cref="ExpiresOnResolve"/> also honours the comment tag.</summary>
    public bool ExpireOnResolve { get; init; }

    /// <summary>Whether the silence expires when its alerts resolve: the flag, or <see cref="ExpireOnResolveTag"/> in the comment.</summary>
    public bool ExpiresOnResolve => ExpireOnResolve || Comment.Contains(ExpireOnResolveTag, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the comment starts with <see cref="AcknowledgementPrefix"/> (case and leading blanks ignored):
    /// the silence acknowledges instead of muting.</summary>
    public bool IsAcknowledgement => Comment.AsSpan().TrimStart().StartsWith(AcknowledgementPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The comment without <see cref="AcknowledgementPrefix"/>, as the acknowledgement's comment.</summary>
    public string AcknowledgementComment => IsAcknowledgement ? Comment.TrimStart()[AcknowledgementPrefix.Length..].Trim() : Comment;

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
