using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Groups;
using Argus.Alerting.History;
using Argus.Alerting.Silences;
using Argus.Model.Labels;
using Argus.Web.Api.V1;

namespace Argus.Web.Api.V2;

/// <summary>What the Alertmanager API v2 reads and changes; supplied by the composition root.</summary>
public sealed class AlertmanagerApiSources
{
    public required AlertStore Alerts { get; init; }

    public required SilenceStore Silences { get; init; }

    /// <summary>The configuration in force; called per request so reloads take effect at once.</summary>
    public required Func<AlertmanagerConfig> Config { get; init; }

    /// <summary>Fingerprints of the alerts inhibiting an alert with these labels at this time (the inhibitor);
    /// null when no inhibitor runs, and then nothing is inhibited.</summary>
    public Func<LabelSet, DateTime, List<string>>? InhibitedBy { get; init; }

    /// <summary>The dispatcher's aggregation groups for <c>GET /api/v2/alerts/groups</c>; null (or a null result)
    /// makes the API form the groups from the route tree itself.</summary>
    public Func<IReadOnlyList<AlertGroupView>?>? Groups { get; init; }

    /// <summary>Argus's acknowledgement and escalation state; null leaves the groups' <c>acknowledgement</c> and
    /// <c>escalation</c> null and makes the acknowledgement endpoints answer 404.</summary>
    public GroupStates? GroupStates { get; init; }

    /// <summary>Signs and checks the acknowledgement links; null makes <c>/api/v2/acknowledge</c> answer 404.</summary>
    public AcknowledgementTokens? AcknowledgementTokens { get; init; }

    /// <summary>The alert history for <c>GET /api/v2/history</c>; null makes it answer an empty list.</summary>
    public HistoryLog? History { get; init; }

    public BuildStatus Build { get; init; } = new();

    /// <summary>When the alert manager started (the status endpoint's <c>uptime</c>).</summary>
    public DateTime StartTime { get; init; } = DateTime.UtcNow;

    public Func<DateTime> UtcNow { get; init; } = () => DateTime.UtcNow;
}
