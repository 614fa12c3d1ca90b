using Argus.Alerting.Persistence;
using Argus.Model.Labels;

namespace Argus.Alerting.Silences;

/// <summary>
/// Alertmanager's silences: create, update and expire them with its rules, find the silences muting an
/// alert, drop expired silences after the retention, and (with a directory) persist every change before
/// acknowledging it (<see cref="SnapshotLog{T}"/>).
/// </summary>
/// <remarks>Thread-safe: changes are serialised by a lock; lookups read an immutable index without locking.</remarks>
public sealed class SilenceStore : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Silence> _silences;
    private readonly SnapshotLog<Silence>? _log;
    private readonly SilenceStoreOptions _options;
    private long _version;
    // The acknowledgement silences (comment "ack:") as of _version: every flush asks for the active ones, and walking
    // every silence for each of thousands of groups flushing together was quadratic.
    private (long Version, List<Silence> Silences)? _acknowledgements;
    private volatile SilenceIndex? _index;

    /// <summary>Rebuilds the index once changes pause (see <see cref="IndexRebuildDelay"/>).</summary>
    private readonly Timer _rebuild;
    private bool _disposed;

    private SilenceStore(SilenceStoreOptions options, Dictionary<string, Silence> silences, SnapshotLog<Silence>? log)
    {
        _options = options;
        _silences = silences;
        _log = log;
        _rebuild = new Timer(_ => RebuildIndex(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>
    /// How long after the last change the silence index is rebuilt in the background. Without it the first lookup
    /// after a change rebuilt it on the request path: with 10 000 silences that is tens of milliseconds added to
    /// the first GET /api/v2/alerts or flush after every change, and a burst of changes (an import) still costs
    /// only one rebuild after it ends. An index stays correct as time passes (it leaves out only silences that
    /// had already expired), so building it early is safe.
    /// </summary>
    internal static readonly TimeSpan IndexRebuildDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Whether the index for the current silences is built (for tests).</summary>
    internal bool IndexReady => _index is not null;

    /// <summary>Opens the store, replaying the snapshot and log in <see cref="SilenceStoreOptions.Directory"/> if set.</summary>
    public static SilenceStore Open(SilenceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Retention <= TimeSpan.Zero)
        {
            throw new ArgumentException($"silence retention must be positive, got {options.Retention}", nameof(options));
        }
        if (options.Directory is null)
        {
            return new SilenceStore(options, new Dictionary<string, Silence>(StringComparer.Ordinal), null);
        }
        var log = SnapshotLog<Silence>.Open(options.Directory, "silences", SilenceCodec.Instance, out var silences);
        return new SilenceStore(options, silences, log);
    }

    /// <summary>
    /// Raised after every durable change (creation, update, expiry), outside the store's lock and on the caller's
    /// thread, in the order the changes were made. History and silence-lifecycle notifications follow the store
    /// through it. Handlers must be quick and must not throw.
    /// </summary>
    public event Action<SilenceChange>? Changed;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _silences.Count;
            }
        }
    }

    public Silence? Get(string id)
    {
        lock (_lock)
        {
            return _silences.GetValueOrDefault(id);
        }
    }

    /// <summary>A copy of all silences (expired ones within the retention included).</summary>
    public List<Silence> List()
    {
        lock (_lock)
        {
            return [.. _silences.Values];
        }
    }

    /// <summary>
    /// Creates a silence (empty id) or updates one, as Alertmanager's <c>Silences.Set</c>: an update keeps the
    /// id only if the matchers are unchanged and the times may change in the silence's state (an active
    /// silence keeps its start and may not end in the past; a pending one may not start in the past; an
    /// expired one never changes). Otherwise the old silence is expired and a new one with a new id created.
    /// A new silence never starts before now. Returns the id.
    /// </summary>
    /// <exception cref="SilenceNotFoundException">the id is unknown.</exception>
    /// <exception cref="SilenceValidationException">the silence breaks a rule.</exception>
    public string Set(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var changes = new List<SilenceChange>(2);
        string id;
        long durable;
        lock (_lock)
        {
            var now = _options.UtcNow();
            Silence? previous = null;
            if (silence.Id.Length > 0 && !_silences.TryGetValue(silence.Id, out previous))
            {
                throw new SilenceNotFoundException(silence.Id);
            }
            if (previous is not null && CanUpdate(previous, silence, now))
            {
                durable = Store(silence with { UpdatedAt = now }, previous, null, changes);
                id = silence.Id;
            }
            else
            {
                if (previous is not null && previous.StateAt(now) != SilenceState.Expired)
                {
                    Store(ExpiredAt(previous, now), previous, "replaced by a new silence", changes);
                }
                // A start already past becomes now, cut to the millisecond: API v2 writes times to the millisecond,
                // and a client that posts the silence back as it read it (the web UI's edit, amtool's update) must
                // send the very start it has, or an in-place update would turn into a replacement.
                var created = silence with
                {
                    Id = Guid.NewGuid().ToString(),
                    StartsAt = silence.StartsAt < now ? now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)) : silence.StartsAt,
                    UpdatedAt = now,
                };
                durable = Store(created, null, null, changes);
                id = created.Id;
            }
        }
        Publish(changes, durable);
        return id;
    }

    private void Publish(List<SilenceChange> changes, long durable)
    {
        if (durable > 0)
        {
            // The replaced silence's expiry precedes the new one in the log, so this covers both.
            _log!.WaitDurable(durable);
        }
        foreach (var change in changes)
        {
            Changed?.Invoke(change);
        }
    }

    /// <summary>The acknowledgement silences (<see cref="Silence.IsAcknowledgement"/>) active at <paramref name="now"/>.</summary>
    public List<Silence> ActiveAcknowledgements(DateTime now)
    {
        lock (_lock)
        {
            if (_acknowledgements is not { } known || known.Version != _version)
            {
                _acknowledgements = known = (_version, _silences.Values.Where(s => s.IsAcknowledgement).ToList());
            }
            return known.Silences.Count == 0 ? [] : known.Silences.Where(s => s.StateAt(now) == SilenceState.Active).ToList();
        }
    }

    /// <summary>Expires the silence now (a pending one gets start and end now); <paramref name="reason"/> is passed
    /// on to <see cref="Changed"/>.</summary>
    /// <exception cref="SilenceNotFoundException">the id is unknown.</exception>
    /// <exception cref="SilenceValidationException">the silence has already expired.</exception>
    public void Expire(string id, string? reason = null)
    {
        var changes = new List<SilenceChange>(1);
        long durable;
        lock (_lock)
        {
            if (!_silences.TryGetValue(id, out var silence))
            {
                throw new SilenceNotFoundException(id);
            }
            var now = _options.UtcNow();
            if (silence.StateAt(now) == SilenceState.Expired)
            {
                throw new SilenceValidationException($"silence {id} already expired");
            }
            durable = Store(ExpiredAt(silence, now), silence, reason, changes);
        }
        Publish(changes, durable);
    }

    private static Silence ExpiredAt(Silence silence, DateTime now) => silence.StateAt(now) == SilenceState.Pending
        ? silence with { StartsAt = now, EndsAt = now, UpdatedAt = now }
        : silence with { EndsAt = now, UpdatedAt = now };

    private static bool CanUpdate(Silence previous, Silence update, DateTime now)
    {
        if (!previous.SameMatchers(update))
        {
            return false;
        }
        return previous.StateAt(now) switch
        {
            SilenceState.Active => update.StartsAt == previous.StartsAt && update.EndsAt >= now,
            SilenceState.Pending => update.StartsAt >= now,
            _ => false,
        };
    }

    // Caller holds the lock. Validates, hands the change to the log (from here it survives kill -9) and applies it;
    // the caller then waits, outside the lock, until the log's group commit has fsynced it, and only then returns
    // and raises Changed: an API client is answered, and listeners hear of a change, only once it is durable.
    // Returns the change's log sequence number (0 without persistence).
    private long Store(Silence silence, Silence? previous, string? reason, List<SilenceChange> changes)
    {
        Validate(silence);
        var sequence = _log?.AppendBuffered(silence).Sequence ?? 0;
        _silences[silence.Id] = silence;
        _version++;
        _index = null;
        _rebuild.Change(IndexRebuildDelay, Timeout.InfiniteTimeSpan);
        changes.Add(new SilenceChange(silence, previous, reason));
        return sequence;
    }

    /// <summary>Alertmanager's <c>validateSilence</c> rules, with its messages.</summary>
    public static void Validate(Silence silence)
    {
        if (silence.Id.Length == 0)
        {
            throw new SilenceValidationException("ID missing");
        }
        if (silence.Matchers.Count == 0)
        {
            throw new SilenceValidationException("at least one matcher required");
        }
        for (var i = 0; i < silence.Matchers.Count; i++)
        {
            var m = silence.Matchers[i];
            if (!LabelNames.IsValidLegacyName(m.Name))
            {
                throw new SilenceValidationException($"invalid label matcher {i}: invalid label name \"{m.Name}\"");
            }
        }
        if (silence.StartsAt == default)
        {
            throw new SilenceValidationException("invalid zero start timestamp");
        }
        if (silence.EndsAt == default)
        {
            throw new SilenceValidationException("invalid zero end timestamp");
        }
        if (silence.EndsAt < silence.StartsAt)
        {
            throw new SilenceValidationException("end time must not be before start time");
        }
    }

    private void RebuildIndex()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _index ??= new SilenceIndex(_version, _silences.Values, _options.UtcNow());
            }
        }
    }

    /// <summary>Ids of the active silences muting an alert with <paramref name="labels"/>, sorted; empty if none.</summary>
    public List<string> MutedBy(LabelSet labels)
    {
        var now = _options.UtcNow();
        var index = _index;
        if (index is null)
        {
            lock (_lock)
            {
                index = _index ??= new SilenceIndex(_version, _silences.Values, now);
            }
        }
        return index.ActiveMatching(labels, now);
    }

    /// <summary>
    /// Drops silences whose end lies more than the retention in the past and, with persistence, writes a
    /// fresh snapshot (which also empties the log). Returns how many silences were dropped.
    /// </summary>
    public int Maintain()
    {
        lock (_lock)
        {
            var cutoff = _options.UtcNow() - _options.Retention;
            var dropped = 0;
            foreach (var silence in _silences.Values.ToList())
            {
                if (silence.EndsAt < cutoff)
                {
                    _silences.Remove(silence.Id);
                    dropped++;
                }
            }
            if (dropped > 0)
            {
                _version++;
                _index = null;
                _rebuild.Change(IndexRebuildDelay, Timeout.InfiniteTimeSpan);
            }
            _log?.WriteSnapshot(_silences.Values);
            return dropped;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _rebuild.Dispose();
            _log?.Dispose();
        }
    }
}
