using Argus.Model.Labels;
using Argus.Rules.Alerting;

namespace Argus.Rules.Tests.Manager;

/// <summary>Which alerts go to the notifier after an evaluation, as Prometheus decides.</summary>
public sealed class AlertSendingTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(1);
    private static readonly TimeSpan ResendDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    [Fact]
    public void FiringAlertsAreResentAfterTheResendDelayAndPendingOnesNever()
    {
        var machine = new AlertStateMachine(TimeSpan.FromSeconds(30), TimeSpan.Zero);
        var candidate = new AlertCandidate(LabelSet.FromPairs("alertname", "A"), [], 1);
        machine.Update([candidate], T0);
        Assert.Empty(machine.TakeAlertsToSend(T0, ResendDelay, Interval));
        machine.Update([candidate], T0.AddSeconds(30));
        var sent = Assert.Single(machine.TakeAlertsToSend(T0.AddSeconds(30), ResendDelay, Interval));
        Assert.Equal(T0.AddSeconds(30) + (4 * ResendDelay), sent.ValidUntil);
        machine.Update([candidate], T0.AddSeconds(45));
        Assert.Empty(machine.TakeAlertsToSend(T0.AddSeconds(45), ResendDelay, Interval));
        machine.Update([candidate], T0.AddSeconds(91));
        Assert.Single(machine.TakeAlertsToSend(T0.AddSeconds(91), ResendDelay, Interval));
    }

    [Fact]
    public void AResolutionIsSentAtOnceAndRepeatedWhileRetained()
    {
        var machine = new AlertStateMachine(TimeSpan.Zero, TimeSpan.Zero);
        machine.Update([new AlertCandidate(LabelSet.FromPairs("alertname", "A"), [], 1)], T0);
        Assert.Single(machine.TakeAlertsToSend(T0, ResendDelay, Interval));
        machine.Update([], T0.AddSeconds(15));
        var resolved = Assert.Single(machine.TakeAlertsToSend(T0.AddSeconds(15), ResendDelay, Interval));
        Assert.Equal(AlertState.Inactive, resolved.State);
        Assert.Equal(T0.AddSeconds(15), resolved.ResolvedAt);
        machine.Update([], T0.AddSeconds(30));
        Assert.Empty(machine.TakeAlertsToSend(T0.AddSeconds(30), ResendDelay, Interval));
        machine.Update([], T0.AddMinutes(2));
        Assert.Single(machine.TakeAlertsToSend(T0.AddMinutes(2), ResendDelay, Interval));
        machine.Update([], T0.AddMinutes(20));
        Assert.Empty(machine.TakeAlertsToSend(T0.AddMinutes(20), ResendDelay, Interval));
    }
}
