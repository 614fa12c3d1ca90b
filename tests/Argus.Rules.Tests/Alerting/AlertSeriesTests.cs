using Argus.Model.Labels;
using Argus.Rules.Alerting;

namespace Argus.Rules.Tests.Alerting;

public sealed class AlertSeriesTests
{
    private static Alert Make(AlertState state) => new()
    {
        Labels = LabelSet.FromPairs("alertname", "Down", "instance", "a"),
        State = state,
        ActiveAt = DateTimeOffset.FromUnixTimeMilliseconds(1_500_250),
    };

    [Theory]
    [InlineData(AlertState.Pending, "pending")]
    [InlineData(AlertState.Firing, "firing")]
    public void Active_alerts_write_alerts_with_their_state(AlertState state, string text)
    {
        var (labels, value) = AlertSeries.Alerts(Make(state))!.Value;
        Assert.Equal(LabelSet.FromPairs("__name__", "ALERTS", "alertname", "Down", "alertstate", text, "instance", "a"), labels);
        Assert.Equal(1, value);
    }

    [Fact]
    public void For_state_holds_active_at_in_seconds()
    {
        var (labels, value) = AlertSeries.ForState(Make(AlertState.Pending))!.Value;
        Assert.Equal(LabelSet.FromPairs("__name__", "ALERTS_FOR_STATE", "alertname", "Down", "instance", "a"), labels);
        Assert.Equal(1500.25, value);
    }

    [Fact]
    public void Inactive_alerts_write_nothing()
    {
        Assert.Null(AlertSeries.Alerts(Make(AlertState.Inactive)));
        Assert.Null(AlertSeries.ForState(Make(AlertState.Inactive)));
    }
}
