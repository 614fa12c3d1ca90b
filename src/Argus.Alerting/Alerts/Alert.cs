using Argus.Model.Labels;

namespace Argus.Alerting.Alerts;

/// <summary>
/// One alert as the alert manager holds it. Immutable: a re-sent alert produces a new instance
/// (see <see cref="Merge"/>), so readers never see a half-updated alert. Kept lean (two label sets,
/// three timestamps, a string and the fingerprint) because the store holds tens of thousands.
/// </summary>
public sealed class Alert
{
    public Alert(LabelSet labels, LabelSet annotations, DateTime startsAt, DateTime endsAt, DateTime updatedAt, string generatorUrl, bool timeout)
        : this(AlertFingerprint.Compute(labels), labels, annotations, startsAt, endsAt, updatedAt, generatorUrl, timeout)
    {
    }

    private Alert(ulong fingerprint, LabelSet labels, LabelSet annotations, DateTime startsAt, DateTime endsAt, DateTime updatedAt, string generatorUrl, bool timeout)
    {
        Fingerprint = fingerprint;
        Labels = labels;
        Annotations = annotations;
        StartsAt = startsAt;
        EndsAt = endsAt;
        UpdatedAt = updatedAt;
        GeneratorUrl = generatorUrl;
        Timeout = timeout;
    }

    public ulong Fingerprint { get; }

    public LabelSet Labels { get; }

    public LabelSet Annotations { get; }

    public DateTime StartsAt { get; }

    /// <summary>When the alert stops firing; set from <c>resolve_timeout</c> when the sender gave none (<see cref="Timeout"/>).</summary>
    public DateTime EndsAt { get; }

    public DateTime UpdatedAt { get; }

    public string GeneratorUrl { get; }

    /// <summary>True when <see cref="EndsAt"/> was not sent but derived from <c>resolve_timeout</c>.</summary>
    public bool Timeout { get; }

    /// <summary>Whether the alert has ended at <paramref name="now"/>.</summary>
    public bool IsResolved(DateTime now) => EndsAt <= now;

    /// <summary>
    /// Builds an alert as received through the API, applying Alertmanager's defaults: a missing start is
    /// <paramref name="now"/> (or the end when only the end is given); a missing end is
    /// <c>now + resolveTimeout</c> and marks the alert as timing out. Zero (<see cref="DateTime.MinValue"/>) means missing.
    /// </summary>
    public static Alert Received(LabelSet labels, LabelSet annotations, DateTime startsAt, DateTime endsAt, string generatorUrl, DateTime now, TimeSpan resolveTimeout)
    {
        if (startsAt == default)
        {
            startsAt = endsAt == default ? now : endsAt;
        }
        var timeout = false;
        if (endsAt == default)
        {
            timeout = true;
            endsAt = now + resolveTimeout;
        }
        return new Alert(labels, annotations, startsAt, endsAt, now, generatorUrl, timeout);
    }

    /// <summary>
    /// Checks the alert as Alertmanager's <c>types.Alert.Validate</c> does; returns null when valid, else its message.
    /// </summary>
    public string? Validate()
    {
        if (StartsAt == default)
        {
            return "start time missing";
        }
        if (EndsAt == default)
        {
            return "end time missing";
        }
        if (EndsAt < StartsAt)
        {
            return "start time must be before end time";
        }
        if (Labels.Count == 0)
        {
            return "at least one label pair required";
        }
        foreach (var label in Labels.AsSpan())
        {
            if (!LabelNames.IsValidLegacyName(label.Name))
            {
                return $"invalid label set: invalid name \"{label.Name}\"";
            }
        }
        foreach (var label in Annotations.AsSpan())
        {
            if (!LabelNames.IsValidLegacyName(label.Name))
            {
                return $"invalid annotations: invalid name \"{label.Name}\"";
            }
        }
        return null;
    }

    /// <summary>
    /// Merges a re-sent instance with this one as Alertmanager does: the later update wins, the earliest
    /// start is kept; if the newer is resolved, the later explicit end of two resolved alerts wins; if it
    /// is firing, a later end from the older instance wins unless that end only came from the timeout.
    /// </summary>
    public Alert Merge(Alert other, DateTime now)
    {
        var older = this;
        var newer = other;
        if (newer.UpdatedAt < older.UpdatedAt)
        {
            (older, newer) = (newer, older);
        }
        var startsAt = older.StartsAt < newer.StartsAt ? older.StartsAt : newer.StartsAt;
        var endsAt = newer.EndsAt;
        var timeout = newer.Timeout;
        if (newer.IsResolved(now))
        {
            if (older.IsResolved(now) && older.EndsAt > newer.EndsAt)
            {
                endsAt = older.EndsAt;
            }
        }
        else if (older.EndsAt > newer.EndsAt && !older.Timeout)
        {
            endsAt = older.EndsAt;
        }
        return new Alert(newer.Fingerprint, newer.Labels, newer.Annotations, startsAt, endsAt, newer.UpdatedAt, newer.GeneratorUrl, timeout);
    }
}
