using Argus.Instrumentation.Exposition;
using Argus.Model;
using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.PromQL.Engine;
using Argus.PromQL.Parser;
using Argus.Storage;
using Argus.Web.Api.Json;
using Argus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using IQueryable = Argus.Storage.IQueryable;

namespace Argus.Web.Api.V1;

/// <summary>
/// Prometheus' HTTP API v1 (query, query_range, series, labels, label values, format_query, status,
/// federation) with byte-compatible JSON, so Grafana, promtool and every other client work unchanged.
/// </summary>
/// <remarks>Thread-safe: handlers keep no state between requests.</remarks>
public sealed partial class PrometheusApi : IWebModule
{
    private const string TruncatedWarning = "results truncated due to limit";
    private readonly IQueryable _storage;
    private readonly PromqlEngine _engine;
    private readonly PrometheusApiSources _sources;

    // Bounds concurrent evaluations like Prometheus' --query.max-concurrency; waiters queue in FIFO order
    // and give up when their request times out or the client disconnects.
    private readonly SemaphoreSlim _queryGate;
    private readonly QueryLog _queryLog;

    public PrometheusApi(IQueryable storage, PromqlEngine engine, PrometheusApiSources sources)
    {
        if (sources.MaxConcurrentQueries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sources), sources.MaxConcurrentQueries, "query.max-concurrency must be at least 1");
        }
        _storage = storage;
        _engine = engine;
        _sources = sources;
        _queryGate = new SemaphoreSlim(sources.MaxConcurrentQueries, sources.MaxConcurrentQueries);
        _queryLog = new QueryLog(sources.QueryLogFile);
    }

    /// <summary>Maps the API under the route prefix; like Prometheus, it answers 503 until storage is ready.</summary>
    public void MapEndpoints(IEndpointRouteBuilder routes, WebOptions options)
    {
        var group = routes.MapGroup(string.Empty);
        group.RequireReady();
        Map(group);
    }

    /// <summary>Maps every endpoint under <c>/api/v1</c> plus <c>/federate</c>; GET and form POST where Prometheus allows both.</summary>
    public void Map(IEndpointRouteBuilder endpoints)
    {
        MapGetPost(endpoints, "/api/v1/query", QueryAsync);
        MapGetPost(endpoints, "/api/v1/query_range", QueryRangeAsync);
        MapGetPost(endpoints, "/api/v1/series", SeriesAsync);
        MapGetPost(endpoints, "/api/v1/labels", LabelsAsync);
        endpoints.MapGet("/api/v1/label/{name}/values", context => RespondAsync(context, p => LabelValues(p, (string)context.Request.RouteValues["name"]!)));
        MapGetPost(endpoints, "/api/v1/format_query", p => Task.FromResult(FormatQuery(p)));
        endpoints.MapGet("/api/v1/status/buildinfo", context => RespondAsync(context, _ => BuildInfo()));
        endpoints.MapGet("/api/v1/status/runtimeinfo", context => RespondAsync(context, _ => RuntimeInfo()));
        endpoints.MapGet("/api/v1/status/flags", context => RespondAsync(context, _ => Flags()));
        endpoints.MapGet("/api/v1/status/config", context => RespondAsync(context, _ => Config()));
        endpoints.MapGet("/federate", FederateAsync);
        MapDiscovery(endpoints);
        MapMetadata(endpoints);
    }

    private static void MapGetPost(IEndpointRouteBuilder endpoints, string pattern, Func<ApiParameters, Task<ApiResponse>> handler)
    {
        endpoints.MapMethods(pattern, ["GET", "POST"], context => RespondAsync(context, handler));
    }

    private static Task RespondAsync(HttpContext context, Func<ApiParameters, ApiResponse> handler) =>
        RespondAsync(context, p => Task.FromResult(handler(p)));

    private static async Task RespondAsync(HttpContext context, Func<ApiParameters, Task<ApiResponse>> handler)
    {
        ApiResponse response;
        try
        {
            var parameters = await ApiParameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            response = await handler(parameters).ConfigureAwait(false);
        }
        catch (ApiError) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (ApiError error)
        {
            await WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }
        catch (PromqlException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-evaluation; nobody is left to answer.
            return;
        }
        catch (PromqlException error)
        {
            await WriteErrorAsync(context, FromPromql(error)).ConfigureAwait(false);
            return;
        }
        catch (NotSupportedException error)
        {
            // The non-backtracking regex engine refuses patterns whose automaton would be too large
            // (e.g. huge counted repetitions); that is the query's fault, so say so instead of failing with 500.
            await WriteErrorAsync(context, new ApiError(ApiErrorKind.BadData, "invalid regular expression: " + error.Message, error)).ConfigureAwait(false);
            return;
        }
        catch (StorageException error)
        {
            await WriteErrorAsync(context, new ApiError(ApiErrorKind.Internal, error.Message, error)).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
            return;
        }
        using var writer = new GoJsonWriter();
        writer.StartObject();
        writer.Property("status", "success");
        writer.Name("data");
        response.WriteData(writer);
        WriteStrings(writer, "warnings", response.Warnings);
        WriteStrings(writer, "infos", response.Infos);
        writer.EndObject();
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(writer.Written, context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteStrings(GoJsonWriter writer, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }
        writer.Name(name);
        writer.StartArray();
        foreach (var value in values)
        {
            writer.String(value);
        }
        writer.EndArray();
    }

    private static async Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        using var writer = new GoJsonWriter();
        writer.StartObject();
        writer.Property("status", "error");
        writer.Property("errorType", error.TypeName);
        writer.Property("error", error.Message);
        writer.EndObject();
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(writer.Written, context.RequestAborted).ConfigureAwait(false);
    }

    private static ApiError FromPromql(PromqlException error) => new(
        error.ErrorType switch
        {
            ErrorType.BadData => ApiErrorKind.BadData,
            ErrorType.Timeout => ApiErrorKind.Timeout,
            ErrorType.Canceled => ApiErrorKind.Canceled,
            _ => ApiErrorKind.Execution,
        },
        // Prometheus names the parameter of a query that does not parse, as it does for format_query.
        error.InnerException is PromqlParseException ? $"invalid parameter \"query\": {error.Message}" : error.Message,
        error);

    private long Now() => _sources.Time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<ApiResponse> QueryAsync(ApiParameters p)
    {
        var query = p.Get("query") ?? string.Empty;
        var time = p.GetTime("time", Now());
        var limit = p.GetLimit();
        QueryNesting.Check(query);
        using var timeout = RequestTimeout(p);
        var result = await EvaluateGatedAsync(p, query, time, time, 0, () => _engine.Evaluate(_storage, query, time, timeout.Token), timeout.Token).ConfigureAwait(false);
        return ResultResponse(result, limit);
    }

    private async Task<ApiResponse> QueryRangeAsync(ApiParameters p)
    {
        var query = p.Get("query") ?? string.Empty;
        var start = p.GetTime("start", long.MinValue);
        var end = p.GetTime("end", long.MinValue);
        if (start == long.MinValue)
        {
            throw new ApiError(ApiErrorKind.BadData, "invalid parameter \"start\": cannot parse \"\" to a valid timestamp");
        }
        if (end == long.MinValue)
        {
            throw new ApiError(ApiErrorKind.BadData, "invalid parameter \"end\": cannot parse \"\" to a valid timestamp");
        }
        if (end < start)
        {
            throw new ApiError(ApiErrorKind.BadData, "invalid parameter \"end\": end timestamp must not be before start time");
        }
        var step = p.GetDuration("step");
        if (step <= 0)
        {
            throw new ApiError(ApiErrorKind.BadData, "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((end - start) / step > 11000)
        {
            throw new ApiError(ApiErrorKind.BadData, "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        var limit = p.GetLimit();
        QueryNesting.Check(query);
        using var timeout = RequestTimeout(p);
        var result = await EvaluateGatedAsync(p, query, start, end, step, () => _engine.EvaluateRange(_storage, query, start, end, step, timeout.Token), timeout.Token).ConfigureAwait(false);
        return ResultResponse(result, limit);
    }

    /// <summary>Runs one evaluation once a concurrency slot is free, off the request thread, and writes it
    /// to the query log (whether it succeeded or not, as Prometheus does).</summary>
    private async Task<QueryResult> EvaluateGatedAsync(
        ApiParameters p, string query, long startMs, long endMs, long stepMs, Func<QueryResult> evaluate, CancellationToken cancellationToken)
    {
        var queued = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await _queryGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw new ApiError(ApiErrorKind.Timeout, "query timed out in query queue", e);
        }
        var queue = queued.Elapsed;
        var evaluation = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Not Task.Run(…, token): a cancellation before the start must still come back as the
            // engine's own timeout/canceled error, which it raises on entry.
            return await Task.Run(evaluate, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _queryGate.Release();
            _queryLog.Append(new QueryLogEntry(p.ClientIp, p.Method, p.Path, query, startMs, endMs, stepMs, queue, evaluation.Elapsed, _sources.Time.GetUtcNow()));
        }
    }

    /// <summary>Queries evaluating right now (for tests and the server's stats).</summary>
    internal int RunningQueries => _sources.MaxConcurrentQueries - _queryGate.CurrentCount;

    /// <summary>A token cancelled when the request's <c>timeout</c> passes or the client disconnects.</summary>
    private CancellationTokenSource RequestTimeout(ApiParameters p)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(p.Aborted);
        var text = p.Get("timeout");
        if (!string.IsNullOrEmpty(text))
        {
            if (!ApiParameters.TryParseDuration(text, out var ms))
            {
                source.Dispose();
                throw new ApiError(ApiErrorKind.BadData, $"invalid parameter \"timeout\": cannot parse \"{text}\" to a valid duration");
            }
            if (ms < _engine.Options.Timeout.TotalMilliseconds)
            {
                source.CancelAfter(TimeSpan.FromMilliseconds(ms));
            }
        }
        return source;
    }

    private static ApiResponse ResultResponse(QueryResult result, int limit)
    {
        var warnings = new List<string>(result.Warnings);
        IReadOnlyList<VectorSample> vector = result.Vector;
        IReadOnlyList<Series> matrix = result.Matrix;
        if (limit > 0 && vector.Count > limit)
        {
            vector = vector.Take(limit).ToList();
            warnings.Add(TruncatedWarning);
        }
        if (limit > 0 && matrix.Count > limit)
        {
            matrix = matrix.Take(limit).ToList();
            warnings.Add(TruncatedWarning);
        }
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                writer.Name("resultType");
                switch (result.Type)
                {
                    case PromValueType.Scalar:
                        writer.String("scalar");
                        writer.Name("result");
                        WritePoint(writer, result.T, result.Scalar);
                        break;
                    case PromValueType.String:
                        writer.String("string");
                        writer.Name("result");
                        writer.StartArray();
                        PromJsonValues.WriteTimestamp(writer, result.T);
                        writer.String(result.String);
                        writer.EndArray();
                        break;
                    case PromValueType.Matrix:
                        writer.String("matrix");
                        writer.Name("result");
                        WriteMatrix(writer, matrix);
                        break;
                    default:
                        writer.String("vector");
                        writer.Name("result");
                        WriteVector(writer, vector);
                        break;
                }
                writer.EndObject();
            },
            warnings,
            result.Infos);
    }

    private static void WriteVector(GoJsonWriter writer, IReadOnlyList<VectorSample> vector)
    {
        writer.StartArray();
        foreach (var sample in vector)
        {
            writer.StartObject();
            writer.Name("metric");
            WriteLabels(writer, sample.Metric);
            if (sample.H is { } histogram)
            {
                writer.Name("histogram");
                WriteHistogramPoint(writer, sample.T, histogram);
            }
            else
            {
                writer.Name("value");
                WritePoint(writer, sample.T, sample.F);
            }
            writer.EndObject();
        }
        writer.EndArray();
    }

    private static void WriteMatrix(GoJsonWriter writer, IReadOnlyList<Series> matrix)
    {
        writer.StartArray();
        foreach (var series in matrix)
        {
            writer.StartObject();
            writer.Name("metric");
            WriteLabels(writer, series.Metric);
            // Prometheus writes each key only when the series has points of that kind.
            if (series.Points.Count > 0 || series.Histograms is not { Count: > 0 })
            {
                writer.Name("values");
                writer.StartArray();
                foreach (var point in series.Points)
                {
                    WritePoint(writer, point.T, point.F);
                }
                writer.EndArray();
            }
            if (series.Histograms is { Count: > 0 } histograms)
            {
                writer.Name("histograms");
                writer.StartArray();
                foreach (var point in histograms)
                {
                    WriteHistogramPoint(writer, point.T, point.H);
                }
                writer.EndArray();
            }
            writer.EndObject();
        }
        writer.EndArray();
    }

    private static void WritePoint(GoJsonWriter writer, long t, double v)
    {
        writer.StartArray();
        PromJsonValues.WriteTimestamp(writer, t);
        PromJsonValues.WriteValue(writer, v);
        writer.EndArray();
    }

    /// <summary>
    /// <c>[t, {"count": "…", "sum": "…", "buckets": [[rule, "lower", "upper", "count"], …]}]</c> as the
    /// Prometheus API writes a native histogram: empty buckets left out, and the boundary rule 0 for
    /// open-left (positive) buckets, 1 for open-right (negative) ones, 3 for the closed zero bucket.
    /// </summary>
    private static void WriteHistogramPoint(GoJsonWriter writer, long t, FloatHistogram histogram)
    {
        writer.StartArray();
        PromJsonValues.WriteTimestamp(writer, t);
        writer.StartObject();
        writer.Name("count");
        PromJsonValues.WriteValue(writer, histogram.Count);
        writer.Name("sum");
        PromJsonValues.WriteValue(writer, histogram.Sum);
        var wroteBuckets = false;
        foreach (var bucket in histogram.Buckets())
        {
            if (bucket.Count == 0)
            {
                continue;
            }
            if (!wroteBuckets)
            {
                writer.Name("buckets");
                writer.StartArray();
                wroteBuckets = true;
            }
            writer.StartArray();
            writer.Number((bucket.LowerInclusive, bucket.UpperInclusive) switch
            {
                (false, true) => 0,
                (true, false) => 1,
                (false, false) => 2,
                _ => 3,
            });
            PromJsonValues.WriteValue(writer, bucket.Lower);
            PromJsonValues.WriteValue(writer, bucket.Upper);
            PromJsonValues.WriteValue(writer, bucket.Count);
            writer.EndArray();
        }
        if (wroteBuckets)
        {
            writer.EndArray();
        }
        writer.EndObject();
        writer.EndArray();
    }

    internal static void WriteLabels(GoJsonWriter writer, LabelSet labels)
    {
        writer.StartObject();
        foreach (var label in labels.AsSpan())
        {
            writer.Property(label.Name, label.Value);
        }
        writer.EndObject();
    }

    private static List<IReadOnlyList<LabelMatcher>> ParseMatchers(IReadOnlyList<string> selectors)
    {
        var sets = new List<IReadOnlyList<LabelMatcher>>(selectors.Count);
        foreach (var selector in selectors)
        {
            VectorSelector parsed;
            try
            {
                parsed = PromqlParser.ParseSelector(selector);
            }
            catch (PromqlParseException e)
            {
                throw new ApiError(ApiErrorKind.BadData, e.Message, e);
            }
            if (parsed.Matchers.All(m => m.MatchesEmpty))
            {
                throw new ApiError(ApiErrorKind.BadData, "match[] must contain at least one non-empty matcher");
            }
            sets.Add(parsed.Matchers);
        }
        return sets;
    }

    private Task<ApiResponse> SeriesAsync(ApiParameters p)
    {
        var selectors = p.GetAll("match[]");
        if (selectors.Count == 0)
        {
            throw new ApiError(ApiErrorKind.BadData, "no match[] parameter provided");
        }
        var matcherSets = ParseMatchers(selectors);
        var start = p.GetTime("start", ApiParameters.MinTimeMs);
        var end = p.GetTime("end", ApiParameters.MaxTimeMs);
        var limit = p.GetLimit();
        var found = new SortedSet<LabelSet>();
        var warnings = new List<string>();
        using (var querier = _storage.CreateQuerier(start, end))
        {
            var hints = new SelectHints(start, end, Function: "series");
            foreach (var matchers in matcherSets)
            {
                var set = querier.Select(sorted: false, hints, matchers);
                while (set.MoveNext())
                {
                    found.Add(set.Current.Labels);
                }
                if (set.Error is not null)
                {
                    throw new ApiError(ApiErrorKind.Execution, set.Error.Message, set.Error);
                }
                warnings.AddRange(set.Warnings);
            }
        }
        IEnumerable<LabelSet> series = found;
        if (limit > 0 && found.Count > limit)
        {
            series = found.Take(limit);
            warnings.Add(TruncatedWarning);
        }
        var list = series.ToList();
        return Task.FromResult(new ApiResponse(
            writer =>
            {
                writer.StartArray();
                foreach (var labels in list)
                {
                    WriteLabels(writer, labels);
                }
                writer.EndArray();
            },
            warnings,
            []));
    }

    private Task<ApiResponse> LabelsAsync(ApiParameters p)
    {
        var matcherSets = ParseMatchers(p.GetAll("match[]"));
        var start = p.GetTime("start", ApiParameters.MinTimeMs);
        var end = p.GetTime("end", ApiParameters.MaxTimeMs);
        var limit = p.GetLimit();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        using (var querier = _storage.CreateQuerier(start, end))
        {
            if (matcherSets.Count == 0)
            {
                names.UnionWith(querier.LabelNames());
            }
            foreach (var matchers in matcherSets)
            {
                names.UnionWith(querier.LabelNames(matchers));
            }
        }
        return Task.FromResult(StringList(names, limit));
    }

    private ApiResponse LabelValues(ApiParameters p, string name)
    {
        if (!LabelNames.IsValidUtf8Name(name))
        {
            throw new ApiError(ApiErrorKind.BadData, $"invalid label name: \"{name}\"");
        }
        var matcherSets = ParseMatchers(p.GetAll("match[]"));
        var start = p.GetTime("start", ApiParameters.MinTimeMs);
        var end = p.GetTime("end", ApiParameters.MaxTimeMs);
        var limit = p.GetLimit();
        var values = new SortedSet<string>(StringComparer.Ordinal);
        using (var querier = _storage.CreateQuerier(start, end))
        {
            if (matcherSets.Count == 0)
            {
                values.UnionWith(querier.LabelValues(name));
            }
            foreach (var matchers in matcherSets)
            {
                values.UnionWith(querier.LabelValues(name, matchers));
            }
        }
        return StringList(values, limit);
    }

    private static ApiResponse StringList(SortedSet<string> values, int limit)
    {
        var warnings = new List<string>();
        IEnumerable<string> items = values;
        if (limit > 0 && values.Count > limit)
        {
            items = values.Take(limit);
            warnings.Add(TruncatedWarning);
        }
        var list = items.ToList();
        return new ApiResponse(
            writer =>
            {
                writer.StartArray();
                foreach (var value in list)
                {
                    writer.String(value);
                }
                writer.EndArray();
            },
            warnings,
            []);
    }

    private static ApiResponse FormatQuery(ApiParameters p)
    {
        var formatted = ParseQueryParameter(p.Get("query") ?? string.Empty).ToString();
        return new ApiResponse(writer => writer.String(formatted), [], []);
    }

    private ApiResponse BuildInfo()
    {
        var b = _sources.Build;
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                writer.Property("version", b.Version);
                writer.Property("revision", b.Revision);
                writer.Property("branch", b.Branch);
                writer.Property("buildUser", b.BuildUser);
                writer.Property("buildDate", b.BuildDate);
                writer.Property("goVersion", b.RuntimeVersion);
                writer.EndObject();
            },
            [],
            []);
    }

    private ApiResponse RuntimeInfo()
    {
        var r = _sources.Runtime();
        var gcInfo = GC.GetGCMemoryInfo();
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                writer.Property("startTime", GoTimeText.Rfc3339Nano(r.StartTime));
                writer.Property("CWD", Environment.CurrentDirectory);
                writer.Property("hostname", Environment.MachineName);
                writer.Property("serverTime", GoTimeText.Rfc3339Nano(_sources.Time.GetUtcNow()));
                writer.Name("reloadConfigSuccess");
                writer.Bool(r.ReloadConfigSuccess);
                writer.Property("lastConfigTime", GoTimeText.Rfc3339Nano(r.LastConfigTime));
                writer.Name("corruptionCount");
                writer.Number(r.CorruptionCount);
                writer.Name("goroutineCount");
                writer.Number(System.Threading.ThreadPool.ThreadCount);
                writer.Name("GOMAXPROCS");
                writer.Number(Environment.ProcessorCount);
                writer.Name("GOMEMLIMIT");
                writer.Number(gcInfo.TotalAvailableMemoryBytes);
                writer.Property("GOGC", string.Empty);
                writer.Property("GODEBUG", string.Empty);
                writer.Property("storageRetention", r.StorageRetention);
                writer.EndObject();
            },
            [],
            []);
    }

    private ApiResponse Flags()
    {
        var flags = _sources.Flags();
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                foreach (var (name, value) in flags.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    writer.Property(name, value);
                }
                writer.EndObject();
            },
            [],
            []);
    }

    private ApiResponse Config()
    {
        var yaml = _sources.ConfigYaml();
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                writer.Property("yaml", yaml);
                writer.EndObject();
            },
            [],
            []);
    }

    /// <summary>
    /// <c>/federate</c>: the newest sample of every matching series within the lookback window, in the
    /// text format, with the server's external labels added where a series lacks them.
    /// </summary>
    private async Task FederateAsync(HttpContext context)
    {
        var selectors = context.Request.Query["match[]"].Where(s => s is not null).Select(s => s!).ToList();
        List<IReadOnlyList<LabelMatcher>> matcherSets;
        try
        {
            matcherSets = ParseMatchers(selectors);
        }
        catch (ApiError e)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync(e.Message, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        var now = Now();
        var mint = now - (long)_sources.LookbackDelta.TotalMilliseconds;
        var external = _sources.ExternalLabels();
        var latest = new SortedDictionary<LabelSet, Sample>();
        using (var querier = _storage.CreateQuerier(mint, now))
        {
            var hints = new SelectHints(mint, now, Function: "federate");
            ISampleIterator? iterator = null;
            foreach (var matchers in matcherSets)
            {
                var set = querier.Select(sorted: false, hints, matchers);
                while (set.MoveNext())
                {
                    var series = set.Current;
                    iterator = series.Iterator(iterator);
                    Sample? last = null;
                    while (iterator.Next() == SampleKind.Float)
                    {
                        if (iterator.Timestamp > now)
                        {
                            break;
                        }
                        last = new Sample(iterator.Timestamp, iterator.Value);
                    }
                    if (last is { } sample && !StaleNaN.Is(sample.Value))
                    {
                        latest[WithExternal(series.Labels, external)] = sample;
                    }
                }
            }
        }
        context.Response.ContentType = ExpositionWriter.ContentType;
        var text = new StringWriter();
        var exposition = new ExpositionWriter(text);
        string? family = null;
        foreach (var (labels, sample) in latest.OrderBy(e => e.Key.MetricName, StringComparer.Ordinal).ThenBy(e => e.Key))
        {
            if (labels.MetricName != family)
            {
                family = labels.MetricName;
                exposition.WriteFamilyHeader(family, string.Empty, MetricType.Untyped);
            }
            exposition.WriteSample(labels, sample.Value, sample.TimestampMs);
        }
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static LabelSet WithExternal(LabelSet labels, LabelSet external)
    {
        if (external.Count == 0)
        {
            return labels;
        }
        var builder = labels.ToBuilder();
        foreach (var label in external.AsSpan())
        {
            if (!labels.Has(label.Name))
            {
                builder.Set(label.Name, label.Value);
            }
        }
        return builder.Build();
    }
}
