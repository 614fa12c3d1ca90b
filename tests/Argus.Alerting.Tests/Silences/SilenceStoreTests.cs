using Argus.Alerting.Silences;
using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Tests.Silences;

public sealed class SilenceStoreTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-silences-" + Guid.NewGuid().ToString("N"));
    private DateTime _now = Start;

    private SilenceStore Open(bool persistent = false) => SilenceStore.Open(new SilenceStoreOptions
    {
        Directory = persistent ? _directory : null,
        UtcNow = () => _now,
    });

    private static Silence NewSilence(DateTime startsAt, DateTime endsAt, params LabelMatcher[] matchers) =>
        new() { Matchers = matchers, StartsAt = startsAt, EndsAt = endsAt, CreatedBy = "test", Comment = "c" };

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void The_index_is_rebuilt_in_the_background_after_changes_and_answers_like_a_fresh_one()
    {
        using var store = Open();
        for (var i = 0; i < 500; i++)
        {
            store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("alertname", "A" + i)));
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!store.IndexReady && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
        Assert.True(store.IndexReady, "the index was not rebuilt after the changes paused");
        Assert.Single(store.MutedBy(LabelSet.FromPairs("alertname", "A7")));
        Assert.Empty(store.MutedBy(LabelSet.FromPairs("alertname", "B")));
        // A change drops it again, and the next lookup sees the change even before the background rebuild.
        var late = store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("alertname", "B")));
        Assert.Equal([late], store.MutedBy(LabelSet.FromPairs("alertname", "B")));
    }

    [Fact]
    public void CreatedSilenceGetsAUuidAndNeverStartsInThePast()
    {
        using var store = Open();
        var id = store.Set(NewSilence(Start.AddHours(-1), Start.AddHours(1), LabelMatcher.Equal("alertname", "Foo")));
        Assert.True(Guid.TryParse(id, out _));
        var silence = store.Get(id)!;
        Assert.Equal(Start, silence.StartsAt);
        Assert.Equal(Start, silence.UpdatedAt);
        Assert.Equal(SilenceState.Active, silence.StateAt(_now));
    }

    [Fact]
    public void ChangingAnActiveSilencesEndKeepsItsId()
    {
        using var store = Open();
        var id = store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("alertname", "Foo")));
        _now = Start.AddMinutes(1);
        var updated = store.Get(id)! with { EndsAt = Start.AddHours(2) };
        Assert.Equal(id, store.Set(updated));
        Assert.Equal(Start.AddHours(2), store.Get(id)!.EndsAt);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void A_start_moved_to_now_is_whole_milliseconds_so_a_silence_posted_back_as_the_api_wrote_it_updates_in_place()
    {
        using var store = Open();
        _now = Start.AddTicks(1_234_567); // 123.4567 ms past the second
        var id = store.Set(NewSilence(Start.AddHours(-1), Start.AddHours(1), LabelMatcher.Equal("alertname", "Foo")));
        Assert.Equal(Start.AddMilliseconds(123), store.Get(id)!.StartsAt);
        _now = Start.AddMinutes(1);
        // What a client reads through API v2 (times to the millisecond) and posts back with a later end.
        var readBack = store.Get(id)! with { StartsAt = DateTime.Parse("2026-11-22T03:00:00.123Z", null, System.Globalization.DateTimeStyles.AdjustToUniversal), EndsAt = Start.AddHours(3) };
        Assert.Equal(id, store.Set(readBack));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void ChangingAnActiveSilencesMatchersExpiresItAndCreatesANewOne()
    {
        using var store = Open();
        var id = store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("alertname", "Foo")));
        _now = Start.AddMinutes(1);
        var changed = store.Get(id)! with { Matchers = [LabelMatcher.Equal("alertname", "Bar")] };
        var newId = store.Set(changed);
        Assert.NotEqual(id, newId);
        Assert.Equal(SilenceState.Expired, store.Get(id)!.StateAt(_now));
        Assert.Equal(_now, store.Get(id)!.EndsAt);
        Assert.Equal(SilenceState.Active, store.Get(newId)!.StateAt(_now));
    }

    [Fact]
    public void UpdatingAnUnknownIdIsNotFound()
    {
        using var store = Open();
        var silence = NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("a", "b")) with { Id = Guid.NewGuid().ToString() };
        Assert.Throws<SilenceNotFoundException>(() => store.Set(silence));
    }

    [Fact]
    public void ExpiringAPendingSilenceSetsStartAndEndToNow()
    {
        using var store = Open();
        var id = store.Set(NewSilence(Start.AddHours(1), Start.AddHours(2), LabelMatcher.Equal("a", "b")));
        Assert.Equal(SilenceState.Pending, store.Get(id)!.StateAt(_now));
        store.Expire(id);
        Assert.Equal(Start, store.Get(id)!.StartsAt);
        Assert.Equal(Start, store.Get(id)!.EndsAt);
        Assert.Equal("silence " + id + " already expired", Assert.Throws<SilenceValidationException>(() => store.Expire(id)).Message);
    }

    [Fact]
    public void InvalidSilencesAreRejectedWithAlertmanagersMessages()
    {
        using var store = Open();
        Assert.Equal("at least one matcher required", Assert.Throws<SilenceValidationException>(() => store.Set(NewSilence(Start, Start.AddHours(1)))).Message);
        Assert.Equal("end time must not be before start time",
            Assert.Throws<SilenceValidationException>(() => store.Set(NewSilence(Start.AddHours(2), Start.AddHours(1), LabelMatcher.Equal("a", "b")))).Message);
    }

    [Fact]
    public void ActiveAcknowledgementsFollowCreationExpiryAndTime()
    {
        using var store = Open();
        store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("alertname", "Foo")));
        Assert.Empty(store.ActiveAcknowledgements(_now));
        var ack = store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("alertname", "Foo")) with { Comment = "ack: on it" });
        var later = store.Set(NewSilence(Start.AddMinutes(30), Start.AddHours(1), LabelMatcher.Equal("alertname", "Bar")) with { Comment = "ack: later" });
        Assert.Equal([ack], store.ActiveAcknowledgements(_now).Select(s => s.Id));
        _now = Start.AddMinutes(31);
        Assert.Equal(new[] { ack, later }.Order(StringComparer.Ordinal), store.ActiveAcknowledgements(_now).Select(s => s.Id).Order(StringComparer.Ordinal));
        store.Expire(ack);
        Assert.Equal([later], store.ActiveAcknowledgements(_now).Select(s => s.Id));
    }

    [Fact]
    public void MutedByFindsActiveSilencesOnly()
    {
        using var store = Open();
        var byName = store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("alertname", "Foo")));
        var byRegex = store.Set(NewSilence(Start, Start.AddHours(1), new LabelMatcher(MatchType.Regex, "severity", "pa.*")));
        store.Set(NewSilence(Start.AddHours(1), Start.AddHours(2), LabelMatcher.Equal("alertname", "Foo")));
        var labels = LabelSet.FromPairs("alertname", "Foo", "severity", "page");
        Assert.Equal(new[] { byName, byRegex }.Order(StringComparer.Ordinal), store.MutedBy(labels));
        Assert.Empty(store.MutedBy(LabelSet.FromPairs("alertname", "Bar")));
        _now = Start.AddHours(1).AddMinutes(1);
        Assert.Single(store.MutedBy(labels));
    }

    [Fact]
    public void TenThousandSilencesMuteExactlyTheAlertsTheyMatch()
    {
        using var store = Open();
        for (var i = 0; i < 10_000; i++)
        {
            store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("instance", "host-" + i), new LabelMatcher(MatchType.Regex, "job", "api|web")));
        }
        var muted = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var by = store.MutedBy(LabelSet.FromPairs("alertname", "X", "instance", "host-" + i, "job", i % 2 == 0 ? "api" : "db"));
            muted += by.Count;
            Assert.True(by.Count == (i % 2 == 0 ? 1 : 0), $"host-{i}: muted by {by.Count}");
        }
        // The speed of this lookup is measured by SilenceLookupBenchmarks in bench/.
        Assert.Equal(5_000, muted);
    }

    [Fact]
    public void ExpiredSilencesAreDroppedAfterTheRetention()
    {
        using var store = Open();
        var id = store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("a", "b")));
        _now = Start.AddHours(1).AddHours(119);
        Assert.Equal(0, store.Maintain());
        _now = Start.AddHours(1).AddHours(121);
        Assert.Equal(1, store.Maintain());
        Assert.Null(store.Get(id));
    }

    [Fact]
    public void SilencesSharingACommonMatcherAreFoundByTheirRarestOne()
    {
        // Every silence carries team="db" (so that value says nothing) and its own literal-list regex on seq; one
        // silence has only a pattern no index can file. Each alert must be muted by exactly its own silence and the
        // unfiled one, and an alert of another team by nothing.
        using var store = Open();
        var ids = new string[300];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = store.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("team", "db"),
                new LabelMatcher(MatchType.Regex, "seq", $"{i}|x{i}")));
        }
        var broad = store.Set(NewSilence(Start, Start.AddHours(1), new LabelMatcher(MatchType.Regex, "seq", "x.+")));
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal([ids[i]], store.MutedBy(LabelSet.FromPairs("seq", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "team", "db")));
            Assert.Equal(new[] { ids[i], broad }.Order(StringComparer.Ordinal), store.MutedBy(LabelSet.FromPairs("seq", "x" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "team", "db")));
        }
        Assert.Empty(store.MutedBy(LabelSet.FromPairs("seq", "7", "team", "web")));
        Assert.Empty(store.MutedBy(LabelSet.FromPairs("team", "db")));
    }

    [Fact]
    public async Task SilencesCreatedConcurrentlyAreAllDurableWhenTheirCallsReturn()
    {
        // Many API clients at once share fsyncs (group commit); each call still returns only once its silence is on
        // disk, so a store abandoned right after the last call returns (as after kill -9) loses none of them.
        var first = Open(persistent: true);
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        var changed = 0;
        first.Changed += _ => Interlocked.Increment(ref changed);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 40; i++)
            {
                ids.Add(first.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("instance", $"w{writer}-{i}"))));
            }
        })));
        // A snapshot in the middle of writers must not make later waits skip their fsync or lose log records.
        first.Maintain();
        var afterSnapshot = first.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("instance", "last")));

        using var second = Open(persistent: true);
        Assert.Equal(321, second.Count);
        Assert.All(ids, id => Assert.NotNull(second.Get(id)));
        Assert.Equal("last", second.Get(afterSnapshot)!.Matchers[0].Value);
        Assert.Equal(321, changed);
        first.Dispose();
    }

    [Fact]
    public void EveryAcknowledgedChangeSurvivesAnAbandonedStore()
    {
        // The first store is never disposed or snapshotted, as after kill -9: only the fsynced log remains.
        var first = Open(persistent: true);
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add(first.Set(NewSilence(Start, Start.AddHours(1), LabelMatcher.Equal("instance", "h" + i))));
        }
        first.Maintain();
        _now = Start.AddMinutes(1);
        first.Expire(ids[0]);
        var replacement = first.Set(first.Get(ids[1])! with { Matchers = [LabelMatcher.Equal("instance", "other")] });
        var logPath = Path.Combine(_directory, "silences.log");
        // A torn record at the tail, as a crash in the middle of a write leaves it.
        using (var copy = new FileStream(logPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            copy.Seek(0, SeekOrigin.End);
            copy.Write([40, 0, 0, 0, 1, 2, 3]);
        }

        using var second = Open(persistent: true);
        Assert.Equal(51, second.Count);
        Assert.Equal(SilenceState.Expired, second.Get(ids[0])!.StateAt(_now));
        Assert.Equal(SilenceState.Expired, second.Get(ids[1])!.StateAt(_now));
        Assert.Equal("other", second.Get(replacement)!.Matchers[0].Value);
        Assert.Equal("h7", second.Get(ids[7])!.Matchers[0].Value);
        // New changes follow the last whole record and survive again.
        var afterTear = second.Set(NewSilence(_now, _now.AddHours(1), LabelMatcher.Equal("x", "y")));
        second.Dispose();
        first.Dispose();
        using var third = Open(persistent: true);
        Assert.NotNull(third.Get(afterTear));
        Assert.Equal(52, third.Count);
    }
}
