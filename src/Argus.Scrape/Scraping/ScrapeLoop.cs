using System.Diagnostics;
using System.Text;
using Argus.Model;
using Argus.Model.Labels;
using Argus.Scrape.Parsing;
using Argus.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Scrape.Scraping;

/// <summary>
/// Scrapes one target every interval, starting at a stable per-target offset so targets spread over the
/// interval. Each scrape is parsed and appended in one appender batch: a failure (HTTP, timeout, limits,
/// malformed body) rolls the batch back, so nothing of that scrape is stored, as in Prometheus. The report
/// series (<c>up</c>, <c>scrape_duration_seconds</c>, ...) are written after every scrape, and staleness
/// markers for series that vanished, for all series when a scrape fails and when the loop stops.
/// </summary>
/// <remarks>Thread-safety: <see cref="Start"/>/<see cref="StopAsync"/> may be called from any thread; scrapes
/// run one at a time on the loop's task. <see cref="LastReport"/> is safe to read concurrently.</remarks>
public sealed class ScrapeLoop : IAsyncDisposable
{
    private const string ExportedPrefix = "exported_";
    private const int EvictAfterIterations = 2;

    private readonly IAppendable _appendable;
    private readonly ScrapeStats _stats;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TargetHttpScraper _http;
    private readonly Dictionary<byte[], ScrapeCacheEntry> _cache = new(RawSeriesComparer.Instance);
    private readonly Dictionary<byte[], ScrapeCacheEntry>.AlternateLookup<ReadOnlySpan<byte>> _cacheLookup;
    private readonly HashSet<ulong> _families = [];
    private readonly LabelSetBuilder _builder = new();
    private readonly ReportSeries _report;
    private readonly ScrapeMetadataCache _metadata = new();
    private readonly SemaphoreSlim _scrapeLock = new(1, 1);
    private List<ScrapeCacheEntry> _seenPrevious = [];
    private List<ScrapeCacheEntry> _seenCurrent = [];
    private long _iteration;
    private CancellationTokenSource? _stop;
    private Task? _run;
    private volatile ScrapeReport? _lastReport;

    public ScrapeLoop(ScrapeTargetOptions options, IAppendable appendable, ScrapeStats stats, ILogger? logger = null, TimeProvider? time = null)
    {
        Options = options;
        _appendable = appendable;
        _stats = stats;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _http = new TargetHttpScraper(options);
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<byte>>();
        _report = new ReportSeries(options.TargetLabels);
    }

    public ScrapeTargetOptions Options { get; }

    /// <summary>The outcome of the most recent scrape, or null before the first.</summary>
    public ScrapeReport? LastReport => _lastReport;

    /// <summary>The metric metadata (TYPE, HELP, UNIT) the target exposes, sorted by family name, as of its last
    /// successful scrape. Safe to read from any thread; the list is never modified.</summary>
    public IReadOnlyList<MetricMetadata> Metadata => _metadata.Snapshot;

    /// <summary>The delay before the first scrape: the target's stable offset within the interval, derived
    /// from its labels and URL, minus where "now" already is in the current interval.</summary>
    public static TimeSpan InitialDelay(ScrapeTargetOptions options, DateTimeOffset now)
    {
        var intervalTicks = options.Interval.Ticks;
        if (intervalTicks <= 0)
        {
            return TimeSpan.Zero;
        }
        var hash = options.TargetLabels.StableHash ^ StableHash(options.Url.ToString());
        var offset = (long)(hash % (ulong)intervalTicks);
        var intoInterval = now.UtcTicks % intervalTicks;
        var delay = offset - intoInterval;
        if (delay < 0)
        {
            delay += intervalTicks;
        }
        return TimeSpan.FromTicks(delay);
    }

    /// <summary>Starts scraping in the background.</summary>
    public void Start()
    {
        if (_run is not null)
        {
            throw new InvalidOperationException("the scrape loop was already started");
        }
        _stop = new CancellationTokenSource();
        _run = RunAsync(_stop.Token);
    }

    /// <summary>Stops the loop and, unless <paramref name="writeStaleMarkers"/> is false, marks every series
    /// of the last scrape (including the report series) stale.</summary>
    public async Task StopAsync(bool writeStaleMarkers = true)
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            if (_run is not null)
            {
                await _run.ConfigureAwait(false);
            }
        }
        if (writeStaleMarkers && _lastReport is not null)
        {
            await _scrapeLock.WaitAsync().ConfigureAwait(false);
            try
            {
                WriteEndOfRunStaleness(_time.GetUtcNow().ToUnixTimeMilliseconds());
            }
            finally
            {
                _scrapeLock.Release();
            }
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(InitialDelay(Options, _time.GetUtcNow()), _time, cancellationToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(Options.Interval, _time);
            do
            {
                await ScrapeOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Performs one scrape now and appends its samples and report series.</summary>
    public async Task<ScrapeReport> ScrapeOnceAsync(CancellationToken cancellationToken = default)
    {
        await _scrapeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var start = _time.GetUtcNow();
            var startMs = start.ToUnixTimeMilliseconds();
            var watch = Stopwatch.StartNew();
            Interlocked.Increment(ref _stats.Scrapes);
            _iteration++;
            string? error = null;
            var counts = default(AppendCounts);
            try
            {
                var (length, contentType) = await _http.FetchAsync(cancellationToken).ConfigureAwait(false);
                var (format, warning) = length == 0
                    ? (ExpositionFormat.PrometheusText, null)
                    : ScrapeContentNegotiation.SelectFormat(contentType, Options.FallbackScrapeProtocol);
                if (warning is not null)
                {
                    _logger.LogWarning("Scrape of {Url}: {Warning}", Options.Url, warning);
                }
                counts = AppendScrape(_http.Body(length), format, startMs, watch);
            }
            catch (Exception e) when (e is ScrapeFailedException or ScrapeFailedWithCounts or ScrapeFormatSelectionException or StorageException)
            {
                error = e.Message;
                Interlocked.Increment(ref _stats.ScrapesFailed);
                // A failed scrape still reports how many samples it read, as Prometheus does.
                var scraped = e is ScrapeFailedWithCounts withCounts ? withCounts.SamplesScraped : 0;
                counts = AppendFailedScrape(startMs, watch, scraped);
                _logger.LogDebug("Scrape of {Url} failed: {Error}", Options.Url, error);
            }
            var report = new ScrapeReport(start, watch.Elapsed, error is null ? TargetHealth.Up : TargetHealth.Down, error,
                counts.SamplesScraped, counts.SamplesPostRelabel, counts.SeriesAdded);
            _lastReport = report;
            return report;
        }
        finally
        {
            _scrapeLock.Release();
        }
    }

    /// <summary>
    /// Appends an already fetched body as one scrape at <paramref name="start"/>, exactly as
    /// <see cref="ScrapeOnceAsync"/> does after its HTTP request. Lets tests and benchmarks measure the
    /// parse-cache-append path without a network; must not run concurrently with a scrape.
    /// </summary>
    internal ScrapeReport AppendFetchedBody(ReadOnlySpan<byte> body, ExpositionFormat format, DateTimeOffset start)
    {
        var startMs = start.ToUnixTimeMilliseconds();
        var watch = Stopwatch.StartNew();
        Interlocked.Increment(ref _stats.Scrapes);
        _iteration++;
        string? error = null;
        AppendCounts counts;
        try
        {
            counts = AppendScrape(body, format, startMs, watch);
        }
        catch (Exception e) when (e is ScrapeFailedWithCounts or StorageException)
        {
            error = e.Message;
            Interlocked.Increment(ref _stats.ScrapesFailed);
            counts = AppendFailedScrape(startMs, watch, e is ScrapeFailedWithCounts withCounts ? withCounts.SamplesScraped : 0);
        }
        var report = new ScrapeReport(start, watch.Elapsed, error is null ? TargetHealth.Up : TargetHealth.Down, error,
            counts.SamplesScraped, counts.SamplesPostRelabel, counts.SeriesAdded);
        _lastReport = report;
        return report;
    }

    /// <summary>Appends a successful body, stale markers for vanished series and the report, in one batch.</summary>
    private AppendCounts AppendScrape(ReadOnlySpan<byte> body, ExpositionFormat format, long startMs, Stopwatch watch)
    {
        var appender = _appendable.CreateAppender();
        var counts = default(AppendCounts);
        try
        {
            counts = AppendSamples(appender, body, format, startMs);
            AppendStaleMarkers(appender, startMs, vanishedOnly: true);
            AppendReport(appender, startMs, watch.Elapsed, up: true, counts);
            appender.Commit();
        }
        catch
        {
            appender.Rollback();
            _seenCurrent.Clear();
            throw;
        }
        (_seenPrevious, _seenCurrent) = (_seenCurrent, _seenPrevious);
        _seenCurrent.Clear();
        EvictUnseen();
        // As in Prometheus, an empty body does not count as a scrape that could retire metadata.
        if (!body.IsEmpty)
        {
            _metadata.CompleteScrape();
        }
        return counts;
    }

    private AppendCounts AppendFailedScrape(long startMs, Stopwatch watch, int samplesScraped)
    {
        var appender = _appendable.CreateAppender();
        try
        {
            AppendStaleMarkers(appender, startMs, vanishedOnly: false);
            var counts = new AppendCounts { SamplesScraped = samplesScraped };
            AppendReport(appender, startMs, watch.Elapsed, up: false, counts);
            appender.Commit();
            _seenPrevious.Clear();
            _seenCurrent.Clear();
            return counts;
        }
        catch (StorageException e)
        {
            appender.Rollback();
            _logger.LogWarning("Appending the failed-scrape report of {Url} failed: {Error}", Options.Url, e.Message);
            return default;
        }
    }

    private AppendCounts AppendSamples(IAppender appender, ReadOnlySpan<byte> body, ExpositionFormat format, long startMs)
    {
        var counts = default(AppendCounts);
        var parser = new ExpositionParser(body, format, _families);
        var honorTimestamps = Options.HonorTimestamps;
        var sampleLimit = Options.SampleLimit;
        try
        {
            ExpositionEntry entry;
            while ((entry = parser.Next()) != ExpositionEntry.End)
            {
                if (entry != ExpositionEntry.Series)
                {
                    _metadata.Observe(ref parser, entry);
                    continue;
                }
                counts.SamplesScraped++;
                if (parser.HasExemplar)
                {
                    // Storage has no exemplar API yet: exemplars are validated by the parser and dropped, counted.
                    Interlocked.Increment(ref _stats.ExemplarsDropped);
                }
                if (!_cacheLookup.TryGetValue(parser.SeriesBytes, out var cached))
                {
                    cached = CreateEntry(ref parser);
                    _cacheLookup[parser.SeriesBytes] = cached;
                    counts.SeriesAdded += cached.Labels is null ? 0 : 1;
                }
                if (cached.Labels is null)
                {
                    continue;
                }
                counts.SamplesPostRelabel++;
                if (sampleLimit > 0 && counts.SamplesPostRelabel > sampleLimit)
                {
                    Interlocked.Increment(ref _stats.ScrapesExceededSampleLimit);
                    throw new ScrapeFailedException("sample limit exceeded");
                }
                var timestamp = honorTimestamps && parser.HasTimestamp ? parser.TimestampMs : startMs;
                var status = appender.Append(ref cached.Ref, cached.Labels, timestamp, parser.Value);
                Count(status);
                cached.ExplicitTimestamp = honorTimestamps && parser.HasTimestamp;
                if (cached.LastSeenIteration != _iteration)
                {
                    cached.LastSeenIteration = _iteration;
                    _seenCurrent.Add(cached);
                }
            }
        }
        catch (ScrapeFailedException e)
        {
            throw new ScrapeFailedWithCounts(e.Message, counts.SamplesScraped, e);
        }
        catch (ExpositionFormatException e)
        {
            throw new ScrapeFailedWithCounts(e.Message, counts.SamplesScraped, e);
        }
        return counts;
    }

    /// <summary>Builds the final labels of a series not yet in the cache: scraped labels merged with the
    /// target's (honor_labels), metric relabeling, then the label limits.</summary>
    private ScrapeCacheEntry CreateEntry(ref ExpositionParser parser)
    {
        Interlocked.Increment(ref _stats.CacheMisses);
        _builder.Reset();
        parser.CopyLabels(_builder);
        var scraped = _builder.Build();
        var target = Options.TargetLabels.AsSpan();
        if (Options.HonorLabels)
        {
            foreach (var label in target)
            {
                if (!scraped.Has(label.Name))
                {
                    _builder.Set(label.Name, label.Value);
                }
            }
        }
        else
        {
            List<Label>? conflicts = null;
            foreach (var label in target)
            {
                var existing = scraped.Get(label.Name);
                if (existing.Length > 0)
                {
                    (conflicts ??= []).Add(new Label(label.Name, existing));
                }
                _builder.Set(label.Name, label.Value);
            }
            if (conflicts is not null)
            {
                // Shorter names first, so exported_a is claimed before exported_exported_a is needed.
                foreach (var conflict in conflicts.OrderBy(c => c.Name.Length))
                {
                    var name = conflict.Name;
                    do
                    {
                        name = ExportedPrefix + name;
                    }
                    while (_builder.Get(name).Length > 0);
                    _builder.Set(name, conflict.Value);
                }
            }
        }
        LabelSet? labels = _builder.Build();
        if (Options.MetricRelabel is { } relabel)
        {
            labels = relabel(labels);
            if (labels is not null && labels.Count == 0)
            {
                labels = null;
            }
        }
        if (labels is not null)
        {
            CheckLabelLimits(labels);
        }
        return new ScrapeCacheEntry { Labels = labels, LastSeenIteration = -1 };
    }

    private void CheckLabelLimits(LabelSet labels)
    {
        var metric = Truncate(labels.MetricName);
        if (Options.LabelLimit > 0 && labels.Count > Options.LabelLimit)
        {
            Interlocked.Increment(ref _stats.ScrapesExceededLabelLimits);
            throw new ScrapeFailedException(
                $"label_limit exceeded (metric: {metric}, number of labels: {labels.Count}, limit: {Options.LabelLimit})");
        }
        foreach (var label in labels.AsSpan())
        {
            var nameLength = Encoding.UTF8.GetByteCount(label.Name);
            if (Options.LabelNameLengthLimit > 0 && nameLength > Options.LabelNameLengthLimit)
            {
                Interlocked.Increment(ref _stats.ScrapesExceededLabelLimits);
                throw new ScrapeFailedException(
                    $"label_name_length_limit exceeded (metric: {metric}, label name: {Truncate(label.Name)}, length: {nameLength}, limit: {Options.LabelNameLengthLimit})");
            }
            var valueLength = Encoding.UTF8.GetByteCount(label.Value);
            if (Options.LabelValueLengthLimit > 0 && valueLength > Options.LabelValueLengthLimit)
            {
                Interlocked.Increment(ref _stats.ScrapesExceededLabelLimits);
                throw new ScrapeFailedException(
                    $"label_value_length_limit exceeded (metric: {metric}, label name: {Truncate(label.Name)}, value: \"{Truncate(label.Value)}\", length: {valueLength}, limit: {Options.LabelValueLengthLimit})");
            }
        }
    }

    private static string Truncate(string s) => s.Length > 50 ? s[..50] : s;

    /// <summary>Stale markers for series of the previous scrape: only those not seen in this one, or all of them.</summary>
    private void AppendStaleMarkers(IAppender appender, long timestampMs, bool vanishedOnly)
    {
        foreach (var entry in _seenPrevious)
        {
            if (vanishedOnly && entry.LastSeenIteration == _iteration)
            {
                continue;
            }
            if (entry.ExplicitTimestamp && !Options.TrackTimestampsStaleness)
            {
                continue;
            }
            if (entry.Labels is null)
            {
                continue;
            }
            Count(appender.Append(ref entry.Ref, entry.Labels, timestampMs, StaleNaN.Value), stale: true);
        }
    }

    private void WriteEndOfRunStaleness(long timestampMs)
    {
        var appender = _appendable.CreateAppender();
        try
        {
            AppendStaleMarkers(appender, timestampMs, vanishedOnly: false);
            _report.AppendStale(appender, timestampMs);
            appender.Commit();
            _seenPrevious.Clear();
        }
        catch (StorageException e)
        {
            appender.Rollback();
            _logger.LogWarning("Writing end-of-run staleness markers for {Url} failed: {Error}", Options.Url, e.Message);
        }
    }

    private void AppendReport(IAppender appender, long timestampMs, TimeSpan duration, bool up, AppendCounts counts) =>
        _report.Append(appender, timestampMs, up ? 1 : 0, duration.TotalSeconds, counts.SamplesScraped,
            counts.SamplesPostRelabel, counts.SeriesAdded);

    private void Count(AppendStatus status, bool stale = false)
    {
        switch (status)
        {
            case AppendStatus.Ok:
                Interlocked.Increment(ref stale ? ref _stats.StaleMarkersWritten : ref _stats.SamplesAppended);
                break;
            case AppendStatus.OutOfOrder:
                Interlocked.Increment(ref _stats.SamplesOutOfOrder);
                break;
            case AppendStatus.Duplicate:
                Interlocked.Increment(ref _stats.SamplesDuplicate);
                break;
            case AppendStatus.TooOld:
                Interlocked.Increment(ref _stats.SamplesTooOld);
                break;
            default:
                Interlocked.Increment(ref _stats.SamplesInvalidLabels);
                break;
        }
    }

    /// <summary>Drops cache entries not seen for a while so a churning target does not grow the cache forever.</summary>
    private void EvictUnseen()
    {
        if (_iteration % 8 != 0)
        {
            return;
        }
        List<byte[]>? stale = null;
        foreach (var (key, entry) in _cache)
        {
            if (_iteration - entry.LastSeenIteration > EvictAfterIterations)
            {
                (stale ??= []).Add(key);
            }
        }
        if (stale is not null)
        {
            foreach (var key in stale)
            {
                _cache.Remove(key);
            }
        }
    }

    private static ulong StableHash(string s)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in s)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    /// <summary>Stops with staleness markers, then releases the loop's resources.</summary>
    public async Task DisposeAfterStopAsync()
    {
        await StopAsync(writeStaleMarkers: true).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(writeStaleMarkers: false).ConfigureAwait(false);
        _stop?.Dispose();
        _http.Dispose();
        _scrapeLock.Dispose();
    }

    /// <summary>Per-scrape sample counts for the report series.</summary>
    private struct AppendCounts
    {
        public int SamplesScraped;
        public int SamplesPostRelabel;
        public int SeriesAdded;
    }

    /// <summary>The five report series of a target, with their refs cached.</summary>
    private sealed class ReportSeries
    {
        private readonly LabelSet[] _labels;
        private readonly SeriesRef[] _refs;

        public ReportSeries(LabelSet targetLabels)
        {
            string[] names = ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"];
            _labels = names.Select(n => targetLabels.ToBuilder().Set(LabelNames.MetricName, n).Build()).ToArray();
            _refs = new SeriesRef[names.Length];
        }

        public void Append(IAppender appender, long timestampMs, double up, double durationSeconds, int scraped, int postRelabel, int added)
        {
            appender.Append(ref _refs[0], _labels[0], timestampMs, up);
            appender.Append(ref _refs[1], _labels[1], timestampMs, durationSeconds);
            appender.Append(ref _refs[2], _labels[2], timestampMs, scraped);
            appender.Append(ref _refs[3], _labels[3], timestampMs, postRelabel);
            appender.Append(ref _refs[4], _labels[4], timestampMs, added);
        }

        public void AppendStale(IAppender appender, long timestampMs)
        {
            for (var i = 0; i < _labels.Length; i++)
            {
                appender.Append(ref _refs[i], _labels[i], timestampMs, StaleNaN.Value);
            }
        }
    }

    /// <summary>Carries the samples-scraped count of a failed scrape to the report.</summary>
    private sealed class ScrapeFailedWithCounts(string message, int samplesScraped, Exception inner) : Exception(message, inner)
    {
        public int SamplesScraped { get; } = samplesScraped;
    }
}
