using Argus.Model.Labels;
using Argus.Rules.Alerting;

namespace Argus.Rules.Tests.Alerting;

public sealed class AlertStateMachineTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_000);
    private static readonly LabelSet Instance = LabelSet.FromPairs("alertname", "Down", "instance", "a");

    private static AlertCandidate[] Result(double value = 1) => [new AlertCandidate(Instance, [], value)];

    private static Alert Only(AlertStateMachine machine) => Assert.Single(machine.Snapshot());

    [Fact]
    public void An_alert_is_pending_until_for_has_elapsed_then_fires()
    {
        var machine = new AlertStateMachine(TimeSpan.FromMinutes(2), TimeSpan.Zero);
        machine.Update(Result(), T0);
        Assert.Equal(AlertState.Pending, Only(machine).State);
        machine.Update(Result(), T0.AddMinutes(1));
        Assert.Equal(AlertState.Pending, Only(machine).State);
        machine.Update(Result(5), T0.AddMinutes(2));
        var alert = Only(machine);
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(T0, alert.ActiveAt);
        Assert.Equal(T0.AddMinutes(2), alert.FiredAt);
        Assert.Equal(5, alert.Value);
    }

    [Fact]
    public void A_pending_alert_that_disappears_is_dropped()
    {
        var machine = new AlertStateMachine(TimeSpan.FromMinutes(5), TimeSpan.Zero);
        machine.Update(Result(), T0);
        machine.Update([], T0.AddMinutes(1));
        Assert.Empty(machine.Snapshot());
    }

    [Fact]
    public void A_firing_alert_that_disappears_is_resolved_kept_for_retention_then_dropped()
    {
        var machine = new AlertStateMachine(TimeSpan.Zero, TimeSpan.Zero);
        machine.Update(Result(), T0);
        Assert.Equal(AlertState.Firing, Only(machine).State);
        machine.Update([], T0.AddMinutes(1));
        var resolved = Only(machine);
        Assert.Equal(AlertState.Inactive, resolved.State);
        Assert.Equal(T0.AddMinutes(1), resolved.ResolvedAt);
        machine.Update([], T0.AddMinutes(16));
        Assert.Single(machine.Snapshot());
        machine.Update([], T0.AddMinutes(16).AddSeconds(1));
        Assert.Empty(machine.Snapshot());
    }

    [Fact]
    public void Keep_firing_for_holds_a_vanished_alert_firing_then_resolves_it()
    {
        var machine = new AlertStateMachine(TimeSpan.Zero, TimeSpan.FromMinutes(2));
        machine.Update(Result(), T0);
        machine.Update([], T0.AddMinutes(1));
        Assert.Equal(AlertState.Firing, Only(machine).State);
        Assert.Equal(T0.AddMinutes(1), Only(machine).KeepFiringSince);
        machine.Update([], T0.AddMinutes(2));
        Assert.Equal(AlertState.Firing, Only(machine).State);
        machine.Update([], T0.AddMinutes(3));
        Assert.Equal(AlertState.Inactive, Only(machine).State);
    }

    [Fact]
    public void A_returning_condition_clears_keep_firing_since()
    {
        var machine = new AlertStateMachine(TimeSpan.Zero, TimeSpan.FromMinutes(2));
        machine.Update(Result(), T0);
        machine.Update([], T0.AddMinutes(1));
        machine.Update(Result(), T0.AddMinutes(2));
        Assert.Equal(default, Only(machine).KeepFiringSince);
        Assert.Equal(AlertState.Firing, Only(machine).State);
    }

    [Fact]
    public void A_resolved_alert_that_comes_back_starts_pending_again()
    {
        var machine = new AlertStateMachine(TimeSpan.FromMinutes(1), TimeSpan.Zero);
        machine.Update(Result(), T0);
        machine.Update(Result(), T0.AddMinutes(1));
        machine.Update([], T0.AddMinutes(2));
        machine.Update(Result(), T0.AddMinutes(3));
        var alert = Only(machine);
        Assert.Equal(AlertState.Pending, alert.State);
        Assert.Equal(T0.AddMinutes(3), alert.ActiveAt);
    }

    [Fact]
    public void Exceeding_the_limit_drops_every_alert_and_reports_it()
    {
        var machine = new AlertStateMachine(TimeSpan.Zero, TimeSpan.Zero);
        AlertCandidate[] two = [new(Instance, [], 1), new(LabelSet.FromPairs("alertname", "Down", "instance", "b"), [], 1)];
        Assert.Equal("exceeded limit of 1 with 2 alerts", machine.Update(two, T0, limit: 1));
        Assert.Empty(machine.Snapshot());
        Assert.Null(machine.Update(two, T0, limit: 2));
    }

    [Fact]
    public void Duplicate_label_sets_in_one_result_are_an_error()
    {
        var machine = new AlertStateMachine(TimeSpan.Zero, TimeSpan.Zero);
        Assert.NotNull(machine.Update([.. Result(), .. Result()], T0));
    }
}
