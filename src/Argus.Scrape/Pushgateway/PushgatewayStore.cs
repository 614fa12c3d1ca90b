using System.Text;
using System.Text.Json;
using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Pushgateway;

/// <summary>
/// The Pushgateway's state: groups by grouping key, persisted to a file with write-temp-fsync-rename after
/// every change, loaded at start. Thread-safe: changes are serialised; readers see immutable snapshots.
/// </summary>
public sealed class PushgatewayStore
{
    private readonly Lock _lock = new();
    private readonly string? _file;
    private Dictionary<LabelSet, PushGroup> _groups = [];

    /// <param name="persistenceFile">Where to persist the groups; null keeps them in memory only.</param>
    public PushgatewayStore(string? persistenceFile = null)
    {
        _file = persistenceFile;
        if (_file is not null && File.Exists(_file))
        {
            Load(_file);
        }
    }

    /// <summary>A snapshot of all groups, ordered by grouping key.</summary>
    public IReadOnlyList<PushGroup> Groups
    {
        get
        {
            lock (_lock)
            {
                return _groups.Values.OrderBy(g => g.GroupingLabels).ToList();
            }
        }
    }

    /// <summary>Stores a push: PUT replaces the group's families, POST only the families pushed.</summary>
    public void Push(LabelSet groupingLabels, IReadOnlyDictionary<string, PushedFamily> families, bool replaceAll, double nowSeconds)
    {
        lock (_lock)
        {
            var merged = new Dictionary<string, PushedFamily>(StringComparer.Ordinal);
            if (!replaceAll && _groups.TryGetValue(groupingLabels, out var existing))
            {
                foreach (var (name, family) in existing.Families)
                {
                    merged[name] = family;
                }
            }
            foreach (var (name, family) in families)
            {
                merged[name] = family;
            }
            var failure = _groups.TryGetValue(groupingLabels, out var previous) ? previous.PushFailureTimeSeconds : 0;
            Replace(groupingLabels, new PushGroup(groupingLabels, merged, nowSeconds, failure));
        }
    }

    /// <summary>Records a failed push to the group (push_failure_time_seconds).</summary>
    public void RecordFailure(LabelSet groupingLabels, double nowSeconds)
    {
        lock (_lock)
        {
            var group = _groups.TryGetValue(groupingLabels, out var existing)
                ? existing with { PushFailureTimeSeconds = nowSeconds }
                : new PushGroup(groupingLabels, new Dictionary<string, PushedFamily>(), 0, nowSeconds);
            Replace(groupingLabels, group);
        }
    }

    public bool Delete(LabelSet groupingLabels)
    {
        lock (_lock)
        {
            var next = new Dictionary<LabelSet, PushGroup>(_groups);
            var removed = next.Remove(groupingLabels);
            _groups = next;
            Persist();
            return removed;
        }
    }

    /// <summary>Writes every group in the text format: pushed families (merged across groups by name), then
    /// <c>push_time_seconds</c> and <c>push_failure_time_seconds</c> per group.</summary>
    public void WriteExposition(TextWriter output)
    {
        var groups = Groups;
        var writer = new ExpositionWriter(output);
        var byName = groups.SelectMany(g => g.Families.Values).GroupBy(f => f.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var family in byName)
        {
            var first = family.First();
            writer.WriteFamilyHeader(first.Name, first.Help, ToMetricType(first.Type));
            foreach (var (labels, value) in family.SelectMany(f => f.Samples))
            {
                writer.WriteSample(labels, value);
            }
        }
        writer.WriteFamilyHeader("push_time_seconds", "Last Unix time when changing this group in the Pushgateway succeeded.", MetricType.Gauge);
        foreach (var group in groups)
        {
            writer.WriteSample("push_time_seconds", group.GroupingLabels.AsSpan(), group.PushTimeSeconds);
        }
        writer.WriteFamilyHeader("push_failure_time_seconds", "Last Unix time when changing this group in the Pushgateway failed.", MetricType.Gauge);
        foreach (var group in groups)
        {
            writer.WriteSample("push_failure_time_seconds", group.GroupingLabels.AsSpan(), group.PushFailureTimeSeconds);
        }
    }

    private static MetricType ToMetricType(ParsedMetricType type) => type switch
    {
        ParsedMetricType.Counter => MetricType.Counter,
        ParsedMetricType.Gauge => MetricType.Gauge,
        ParsedMetricType.Histogram => MetricType.Histogram,
        ParsedMetricType.Summary => MetricType.Summary,
        _ => MetricType.Untyped,
    };

    private void Replace(LabelSet key, PushGroup group)
    {
        _groups = new Dictionary<LabelSet, PushGroup>(_groups) { [key] = group };
        Persist();
    }

    /// <summary>Saves all groups: a temp file is written and fsynced, then renamed over the old file, so a crash
    /// leaves either the old or the new state, never a torn file.</summary>
    private void Persist()
    {
        if (_file is null)
        {
            return;
        }
        var records = _groups.Values.Select(g =>
        {
            var body = new StringWriter();
            var writer = new ExpositionWriter(body);
            foreach (var family in g.Families.Values)
            {
                writer.WriteFamilyHeader(family.Name, family.Help, ToMetricType(family.Type));
                foreach (var (labels, value) in family.Samples)
                {
                    writer.WriteSample(labels, value);
                }
            }
            return new PersistedGroup(g.GroupingLabels.ToDictionary(l => l.Name, l => l.Value), g.PushTimeSeconds, g.PushFailureTimeSeconds, body.ToString());
        }).ToList();
        var temp = _file + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, records);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _file, overwrite: true);
    }

    private void Load(string file)
    {
        var records = JsonSerializer.Deserialize<List<PersistedGroup>>(File.ReadAllBytes(file))
            ?? throw new InvalidDataException($"{file}: empty Pushgateway persistence file");
        var groups = new Dictionary<LabelSet, PushGroup>();
        foreach (var record in records)
        {
            var key = LabelSet.From(record.Labels.Select(p => new Label(p.Key, p.Value)));
            var families = PushBodyParser.Parse(Encoding.UTF8.GetBytes(record.Body), ExpositionFormat.PrometheusText, LabelSet.Empty);
            groups[key] = new PushGroup(key, families, record.PushTime, record.FailureTime);
        }
        _groups = groups;
    }

    /// <summary>The persisted form of a group: grouping labels, push times and its families as exposition text.</summary>
    private sealed record PersistedGroup(Dictionary<string, string> Labels, double PushTime, double FailureTime, string Body);
}
