using Argus.Model.Labels;

namespace Argus.Rules.Alerting;

/// <summary>The <c>ALERTS</c> and <c>ALERTS_FOR_STATE</c> label sets of an alert, built from
/// <paramref name="From"/> in <paramref name="State"/>; kept on the alert so the series it writes at every
/// evaluation are built once, and written with the same label set objects each time.</summary>
internal sealed record AlertSeriesLabels(LabelSet From, AlertState State, LabelSet Alerts, LabelSet ForState);
