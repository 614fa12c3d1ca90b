using Argus.Scrape.Parsing;

namespace Argus.Scrape.Scraping;

/// <summary>
/// A target's metric metadata, kept as Prometheus' per-target metadata store keeps it: each <c># TYPE</c>,
/// <c># HELP</c> and <c># UNIT</c> line sets that one field of its family (a family first seen without a TYPE
/// line is <c>unknown</c>); a family whose metadata lines stop appearing is forgotten once ten further
/// successful scrapes went by without them.
/// </summary>
/// <remarks>
/// The scrape loop calls <see cref="Observe"/> and <see cref="CompleteScrape"/> from its own thread only. A line
/// that repeats what the cache holds costs a dictionary probe by span and a byte comparison, no allocation;
/// strings are decoded only when something changed. Readers on any thread get <see cref="Snapshot"/>, an
/// immutable list republished at the end of a scrape that changed anything.
/// </remarks>
internal sealed class ScrapeMetadataCache
{
    /// <summary>How many successful scrapes a vanished family's metadata outlives them, as in Prometheus.</summary>
    internal const int KeepVanishedScrapes = 10;

    private readonly Dictionary<byte[], MetadataCacheEntry> _entries = new(RawSeriesComparer.Instance);
    private readonly Dictionary<byte[], MetadataCacheEntry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private long _scrape;
    private bool _changed;
    private volatile IReadOnlyList<MetricMetadata> _snapshot = [];

    public ScrapeMetadataCache()
    {
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The families as of the last completed scrape, sorted by name. Safe to read from any thread.</summary>
    public IReadOnlyList<MetricMetadata> Snapshot => _snapshot;

    /// <summary>Records the Type, Help or Unit line the parser stands on; other entries are ignored.</summary>
    public void Observe(ref ExpositionParser parser, ExpositionEntry entry)
    {
        switch (entry)
        {
            case ExpositionEntry.Type:
                var type = MetadataTypeNames.Name(parser.MetricType);
                var typed = Entry(ref parser);
                if (!ReferenceEquals(typed.Type, type))
                {
                    typed.Type = type;
                    _changed = true;
                }
                break;
            case ExpositionEntry.Help:
                var helped = Entry(ref parser);
                if (!parser.RawTextBytes.SequenceEqual(helped.RawHelp))
                {
                    helped.Help = parser.HelpText();
                    helped.RawHelp = parser.RawTextBytes.ToArray();
                    _changed = true;
                }
                break;
            case ExpositionEntry.Unit:
                var united = Entry(ref parser);
                if (!parser.RawTextBytes.SequenceEqual(united.RawUnit))
                {
                    united.Unit = parser.RawText();
                    united.RawUnit = parser.RawTextBytes.ToArray();
                    _changed = true;
                }
                break;
        }
    }

    private MetadataCacheEntry Entry(ref ExpositionParser parser)
    {
        var name = parser.RawMetricName;
        if (!_lookup.TryGetValue(name, out var entry))
        {
            entry = new MetadataCacheEntry(parser.MetricNameString());
            _lookup[name] = entry;
            _changed = true;
        }
        entry.LastSeenScrape = _scrape;
        return entry;
    }

    /// <summary>Ends a successful, non-empty scrape: forgets long-vanished families and republishes the
    /// snapshot if anything changed.</summary>
    public void CompleteScrape()
    {
        List<byte[]>? vanished = null;
        foreach (var (key, entry) in _entries)
        {
            if (_scrape - entry.LastSeenScrape > KeepVanishedScrapes)
            {
                (vanished ??= []).Add(key);
            }
        }
        if (vanished is not null)
        {
            foreach (var key in vanished)
            {
                _entries.Remove(key);
            }
            _changed = true;
        }
        if (_changed)
        {
            _snapshot = _entries.Values
                .Select(e => new MetricMetadata(e.Metric, e.Type, e.Help, e.Unit))
                .OrderBy(m => m.Metric, StringComparer.Ordinal)
                .ToArray();
            _changed = false;
        }
        _scrape++;
    }
}
