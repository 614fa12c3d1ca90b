using Argus.Rules.Manager;

namespace Argus.Rules.Tests.Manager;

public sealed class GroupScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    [Fact]
    public void SlotsAreIntervalApartAndKeepTheGroupsPhase()
    {
        var now = DateTimeOffset.Parse("2024-05-01T10:00:07.123Z", System.Globalization.CultureInfo.InvariantCulture);
        var slot = GroupSchedule.LatestSlot(now, "rules.yml", "api", Interval);
        Assert.True(slot <= now && now - slot < Interval);
        Assert.Equal(slot, GroupSchedule.LatestSlot(slot + Interval - TimeSpan.FromTicks(1), "rules.yml", "api", Interval));
        Assert.Equal(slot + Interval, GroupSchedule.LatestSlot(slot + Interval, "rules.yml", "api", Interval));
        var offset = GroupSchedule.Offset("rules.yml", "api", Interval);
        Assert.Equal(offset.Ticks, (slot - DateTimeOffset.UnixEpoch).Ticks % Interval.Ticks);
    }

    [Fact]
    public void GroupsWithTheSameIntervalAreSpreadOverIt()
    {
        var offsets = Enumerable.Range(0, 20).Select(i => GroupSchedule.Offset("rules.yml", "group" + i, Interval)).ToHashSet();
        Assert.True(offsets.Count > 15, "offsets should differ between groups");
        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, Interval - TimeSpan.FromTicks(1)));
        Assert.Equal(GroupSchedule.Offset("a.yml", "g", Interval), GroupSchedule.Offset("a.yml", "g", Interval));
        Assert.NotEqual(GroupSchedule.Offset("a.yml", "g", Interval), GroupSchedule.Offset("b.yml", "g", Interval));
    }
}
