using Argus.Model.Labels;
using Argus.Storage;

namespace Argus.Scrape.Tests.Support;

/// <summary>In-memory storage for tests: keeps committed samples in order, forgets rolled-back ones, and hands
/// out series refs like a real storage. Thread-safe.</summary>
internal sealed class RecordingAppendable : IAppendable
{
    private readonly Lock _lock = new();
    private readonly List<RecordedSample> _committed = [];
    private readonly Dictionary<LabelSet, ulong> _refs = [];
    private readonly Dictionary<ulong, LabelSet> _byRef = [];

    public int Commits { get; private set; }

    public int Rollbacks { get; private set; }

    /// <summary>When set, decides the status of each append (default: Ok).</summary>
    public Func<LabelSet, long, double, AppendStatus>? Decide { get; set; }

    /// <summary>When set, the next Commit throws this storage error.</summary>
    public StorageException? FailNextCommit { get; set; }

    public IReadOnlyList<RecordedSample> Committed
    {
        get
        {
            lock (_lock)
            {
                return [.. _committed];
            }
        }
    }

    public IAppender CreateAppender() => new Appender(this);

    public void Clear()
    {
        lock (_lock)
        {
            _committed.Clear();
        }
    }

    private sealed class Appender(RecordingAppendable owner) : IAppender
    {
        private readonly List<RecordedSample> _staged = [];

        public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value)
        {
            if (labels.Count == 0 && series.IsNone)
            {
                return AppendStatus.InvalidLabels;
            }
            lock (owner._lock)
            {
                if (series.IsNone)
                {
                    if (!owner._refs.TryGetValue(labels, out var id))
                    {
                        id = (ulong)owner._refs.Count + 1;
                        owner._refs[labels] = id;
                        owner._byRef[id] = labels;
                    }
                    series = new SeriesRef(id);
                }
                var status = owner.Decide?.Invoke(owner._byRef[series.Value], timestampMs, value) ?? AppendStatus.Ok;
                if (status == AppendStatus.Ok)
                {
                    _staged.Add(new RecordedSample(owner._byRef[series.Value], timestampMs, value));
                }
                return status;
            }
        }

        public void Commit()
        {
            lock (owner._lock)
            {
                if (owner.FailNextCommit is { } failure)
                {
                    owner.FailNextCommit = null;
                    throw failure;
                }
                owner._committed.AddRange(_staged);
                owner.Commits++;
            }
        }

        public void Rollback()
        {
            lock (owner._lock)
            {
                owner.Rollbacks++;
            }
        }
    }
}
