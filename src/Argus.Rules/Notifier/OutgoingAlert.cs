using Argus.Model.Labels;

namespace Argus.Rules.Notifier;

/// <summary>
/// An alert as the rule manager hands it to the notifier, which relabels it, adds external labels and
/// posts it to every Alertmanager (API v2 <c>postableAlert</c>). <see cref="EndsAt"/> in the future
/// marks a firing alert (Prometheus sends now + 4 × the resend delay or evaluation interval); in the
/// past or now, a resolved one.
/// </summary>
public sealed record OutgoingAlert(
    LabelSet Labels,
    LabelSet Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string GeneratorUrl);
