using Argus.Model.Labels;

namespace Argus.Rules.Alerting;

/// <summary>
/// The series an alerting rule writes for its active alerts at each evaluation: <c>ALERTS</c>
/// (value 1, with <c>alertstate</c> pending or firing) and <c>ALERTS_FOR_STATE</c> (value = the
/// alert's ActiveAt in Unix seconds, used to restore the <c>for</c> state after a restart).
/// Inactive alerts produce neither.
/// </summary>
public static class AlertSeries
{
    public const string AlertsMetric = "ALERTS";
    public const string ForStateMetric = "ALERTS_FOR_STATE";
    public const string AlertStateLabel = "alertstate";

    /// <summary>The <c>ALERTS</c> labels and value of <paramref name="alert"/>, or null when inactive.</summary>
    public static (LabelSet Labels, double Value)? Alerts(Alert alert)
    {
        if (alert.State == AlertState.Inactive)
        {
            return null;
        }
        return (SeriesLabels(alert).Alerts, 1);
    }

    /// <summary>The <c>ALERTS_FOR_STATE</c> labels and value of <paramref name="alert"/>, or null when inactive.</summary>
    public static (LabelSet Labels, double Value)? ForState(Alert alert)
    {
        if (alert.State == AlertState.Inactive)
        {
            return null;
        }
        return (SeriesLabels(alert).ForState, alert.ActiveAt.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>The alert's output label sets, rebuilt only when its labels or state changed.</summary>
    private static AlertSeriesLabels SeriesLabels(Alert alert)
    {
        if (alert.SeriesLabels is { } cached && cached.State == alert.State && cached.From.Equals(alert.Labels))
        {
            return cached;
        }
        var alerts = alert.Labels.ToBuilder()
            .Set(LabelNames.MetricName, AlertsMetric)
            .Set(AlertStateLabel, alert.State == AlertState.Firing ? "firing" : "pending")
            .Build();
        var forState = alert.Labels.ToBuilder().Set(LabelNames.MetricName, ForStateMetric).Build();
        var built = new AlertSeriesLabels(alert.Labels, alert.State, alerts, forState);
        alert.SeriesLabels = built;
        return built;
    }
}
