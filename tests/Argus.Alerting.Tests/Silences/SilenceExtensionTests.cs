using Argus.Alerting.Silences;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Silences;

public sealed class SilenceExtensionTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-silence-ext-" + Guid.NewGuid().ToString("N"));
    private DateTime _now = Start;

    private SilenceStore Open() => SilenceStore.Open(new SilenceStoreOptions { Directory = _directory, UtcNow = () => _now });

    private static Silence NewSilence(string comment, bool expireOnResolve = false) => new()
    {
        Matchers = [LabelMatcher.Equal("alertname", "DiskFull")],
        StartsAt = Start,
        EndsAt = Start.AddHours(2),
        CreatedBy = "alice",
        Comment = comment,
        ExpireOnResolve = expireOnResolve,
    };

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("ack: on it", true, "on it")]
    [InlineData("  ACK:looking", true, "looking")]
    [InlineData("ack", false, "ack")]
    [InlineData("maintenance, ack: later", false, "maintenance, ack: later")]
    public void A_comment_starting_with_ack_makes_an_acknowledgement_silence(string comment, bool acknowledges, string acknowledgementComment)
    {
        var silence = NewSilence(comment);
        Assert.Equal(acknowledges, silence.IsAcknowledgement);
        Assert.Equal(acknowledgementComment, silence.AcknowledgementComment);
    }

    [Fact]
    public void An_acknowledgement_silence_mutes_nothing_but_is_listed_as_active_acknowledgement()
    {
        using var store = Open();
        var ack = store.Set(NewSilence("ack: on it"));
        var labels = LabelSet.FromPairs("alertname", "DiskFull");
        Assert.Empty(store.MutedBy(labels));
        Assert.Equal(ack, Assert.Single(store.ActiveAcknowledgements(_now)).Id);
        var mute = store.Set(NewSilence("maintenance"));
        Assert.Equal([mute], store.MutedBy(labels));
        _now = Start.AddHours(3);
        Assert.Empty(store.ActiveAcknowledgements(_now));
    }

    [Theory]
    [InlineData("maintenance", false, false)]
    [InlineData("maintenance", true, true)]
    [InlineData("maintenance [expire-on-resolve]", false, true)]
    [InlineData("[EXPIRE-ON-RESOLVE] deploy", false, true)]
    public void Expire_on_resolve_comes_from_the_flag_or_the_comment_tag(string comment, bool flag, bool expected) =>
        Assert.Equal(expected, NewSilence(comment, flag).ExpiresOnResolve);

    [Fact]
    public void The_expire_on_resolve_flag_survives_reopening()
    {
        string id;
        using (var store = Open())
        {
            id = store.Set(NewSilence("deploy", expireOnResolve: true));
        }
        using var reopened = Open();
        Assert.True(reopened.Get(id)!.ExpireOnResolve);
        Assert.Equal("deploy", reopened.Get(id)!.Comment);
    }

    [Fact]
    public void Changes_are_reported_after_they_are_durable_creation_then_expiry_with_its_reason()
    {
        using var store = Open();
        var changes = new List<SilenceChange>();
        store.Changed += changes.Add;
        var id = store.Set(NewSilence("maintenance"));
        _now = Start.AddMinutes(10);
        store.Expire(id, "all matched alerts resolved");
        Assert.Equal(2, changes.Count);
        Assert.True(changes[0].IsCreation);
        Assert.Equal(id, changes[0].Current.Id);
        Assert.False(changes[1].IsCreation);
        Assert.True(changes[1].IsExpiry(_now));
        Assert.Equal("all matched alerts resolved", changes[1].Reason);
    }

    [Fact]
    public void Changing_the_matchers_reports_the_old_silence_expired_and_a_new_one_created()
    {
        using var store = Open();
        var id = store.Set(NewSilence("maintenance"));
        var changes = new List<SilenceChange>();
        store.Changed += changes.Add;
        _now = Start.AddMinutes(1);
        var newId = store.Set(store.Get(id)! with { Matchers = [LabelMatcher.Equal("alertname", "Other")] });
        Assert.NotEqual(id, newId);
        Assert.Equal(2, changes.Count);
        Assert.True(changes[0].IsExpiry(_now));
        Assert.Equal(id, changes[0].Current.Id);
        Assert.True(changes[1].IsCreation);
        Assert.Equal(newId, changes[1].Current.Id);
    }
}
