using Argus.Alerting.Alerts;
using Argus.Alerting.Silences;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Alerts;

public sealed class AlertManagerMaintenanceTests
{
    [Fact]
    public async Task PeriodicRunDropsResolvedAlertsAndOldSilencesAsync()
    {
        var now = new DateTime(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);
        var alerts = new AlertStore();
        using var silences = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => now, Retention = TimeSpan.FromHours(1) });
        alerts.Put(Alert.Received(LabelSet.FromPairs("alertname", "Gone"), LabelSet.Empty, now, now.AddMinutes(1), string.Empty, now, TimeSpan.FromMinutes(5)), now);
        alerts.Put(Alert.Received(LabelSet.FromPairs("alertname", "Firing"), LabelSet.Empty, now, default, string.Empty, now, TimeSpan.FromMinutes(5)), now);
        silences.Set(new Silence { Matchers = [LabelMatcher.Equal("a", "b")], StartsAt = now, EndsAt = now.AddMinutes(1) });
        now = now.AddHours(2);
        alerts.Put(Alert.Received(LabelSet.FromPairs("alertname", "Firing"), LabelSet.Empty, now, default, string.Empty, now, TimeSpan.FromMinutes(5)), now);

        using var cancel = new CancellationTokenSource();
        var run = new AlertManagerMaintenance(alerts, silences, TimeSpan.FromMilliseconds(20), () => now).RunAsync(cancel.Token);
        for (var i = 0; i < 200 && (alerts.Count > 1 || silences.Count > 0); i++)
        {
            await Task.Delay(10);
        }
        await cancel.CancelAsync();
        await run;
        Assert.Equal("Firing", Assert.Single(alerts.List()).Labels.Get("alertname"));
        Assert.Equal(0, silences.Count);
    }
}
