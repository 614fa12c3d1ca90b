using System.Globalization;
using Argus.Model.Labels;
using Argus.PromQL.Parser;
using Argus.Storage;
using Argus.Tsdb;
using Argus.Web.Api.Json;
using Argus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Api.V1;

/// <summary>
/// Prometheus' TSDB admin API (<c>/api/v1/admin/tsdb/{snapshot,delete_series,clean_tombstones}</c>, only
/// when enabled by <c>--web.enable-admin-api</c>) and the always-on <c>/api/v1/status/tsdb</c> cardinality page;
/// the WAL and block status endpoints are in <c>AdminApi.StorageStatus.cs</c>.
/// </summary>
/// <remarks>Thread-safe: handlers keep no state between requests; the storage serialises its own admin work.
/// The storage is resolved per request because it is opened after the web server starts.</remarks>
public sealed partial class AdminApi : IWebModule
{
    private const int DefaultStatusLimit = 10;
    private readonly Func<TsdbStorage?> _storage;
    private readonly string _dataDir;
    private readonly bool _adminEnabled;
    private readonly TimeProvider _time;

    /// <param name="storage">The open TSDB, or null while Argus is starting or stopping.</param>
    /// <param name="dataDir">The storage directory; snapshots go to <c>&lt;dataDir&gt;/snapshots/&lt;name&gt;</c>.</param>
    /// <param name="adminEnabled">Whether the admin endpoints may act (<c>--web.enable-admin-api</c>).</param>
    /// <param name="time">Clock used to name snapshots; the system clock when null.</param>
    public AdminApi(Func<TsdbStorage?> storage, string dataDir, bool adminEnabled, TimeProvider? time = null)
    {
        _storage = storage;
        _dataDir = dataDir;
        _adminEnabled = adminEnabled;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Maps the endpoints under the route prefix; they answer 503 until storage is ready.</summary>
    public void MapEndpoints(IEndpointRouteBuilder routes, WebOptions options)
    {
        var group = routes.MapGroup(string.Empty);
        group.RequireReady();
        Map(group);
    }

    /// <summary>Maps the endpoints without the readiness gate (used directly by tests).</summary>
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/api/v1/admin/tsdb/snapshot", ["POST", "PUT"], context => RespondAsync(context, admin: true, Snapshot));
        endpoints.MapMethods("/api/v1/admin/tsdb/delete_series", ["POST", "PUT"], context => RespondAsync(context, admin: true, DeleteSeries));
        endpoints.MapMethods("/api/v1/admin/tsdb/clean_tombstones", ["POST", "PUT"], context => RespondAsync(context, admin: true, CleanTombstones));
        endpoints.MapGet("/api/v1/status/tsdb", context => RespondAsync(context, admin: false, Status));
        MapStorageStatus(endpoints);
    }

    /// <summary>Runs <paramref name="handler"/>; a null result means "204 No Content" as in Prometheus.</summary>
    private async Task RespondAsync(HttpContext context, bool admin, Func<ApiParameters, TsdbStorage, Action<GoJsonWriter>?> handler)
    {
        Action<GoJsonWriter>? data;
        try
        {
            if (admin && !_adminEnabled)
            {
                throw new ApiError(ApiErrorKind.Unavailable, "admin APIs disabled");
            }
            var storage = _storage() ?? throw new ApiError(ApiErrorKind.Unavailable, "TSDB not ready");
            var parameters = await ApiParameters.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            data = handler(parameters, storage);
        }
        catch (ApiError error)
        {
            await WriteAsync(context, error.StatusCode, writer =>
            {
                writer.Property("status", "error");
                writer.Property("errorType", error.TypeName);
                writer.Property("error", error.Message);
            }).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
            return;
        }
        if (data is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        await WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.Property("status", "success");
            writer.Name("data");
            data(writer);
        }).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, int statusCode, Action<GoJsonWriter> body)
    {
        using var writer = new GoJsonWriter();
        writer.StartObject();
        body(writer);
        writer.EndObject();
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(writer.Written, context.RequestAborted).ConfigureAwait(false);
    }

    private Action<GoJsonWriter> Snapshot(ApiParameters p, TsdbStorage storage)
    {
        var skipHead = false;
        var text = p.Get("skip_head");
        if (!string.IsNullOrEmpty(text) && !TryParseGoBool(text, out skipHead))
        {
            throw new ApiError(ApiErrorKind.BadData, $"unable to parse boolean 'skip_head' argument: strconv.ParseBool: parsing \"{text}\": invalid syntax");
        }
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{_time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{Random.Shared.NextInt64(long.MaxValue):x16}");
        var dir = Path.Combine(_dataDir, "snapshots", name);
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ApiError(ApiErrorKind.Internal, $"create snapshot directory: {ex.Message}", ex);
        }
        try
        {
            storage.Snapshot(dir);
            if (skipHead)
            {
                // The snapshot keeps the head as a WAL checkpoint next to the block directories; without the
                // head only the persisted blocks remain, as with Prometheus' skip_head.
                var wal = Path.Combine(dir, "wal");
                if (Directory.Exists(wal))
                {
                    Directory.Delete(wal, recursive: true);
                }
            }
        }
        catch (Exception ex) when (ex is StorageException or IOException or UnauthorizedAccessException)
        {
            throw new ApiError(ApiErrorKind.Internal, $"create snapshot: {ex.Message}", ex);
        }
        return writer =>
        {
            writer.StartObject();
            writer.Property("name", name);
            writer.EndObject();
        };
    }

    private static Action<GoJsonWriter>? DeleteSeries(ApiParameters p, TsdbStorage storage)
    {
        var selectors = p.GetAll("match[]");
        if (selectors.Count == 0)
        {
            throw new ApiError(ApiErrorKind.BadData, "no match[] parameter provided");
        }
        var start = p.GetTime("start", ApiParameters.MinTimeMs);
        var end = p.GetTime("end", ApiParameters.MaxTimeMs);
        var matcherSets = new List<IReadOnlyList<LabelMatcher>>(selectors.Count);
        foreach (var selector in selectors)
        {
            try
            {
                matcherSets.Add(PromqlParser.ParseSelector(selector).Matchers);
            }
            catch (PromqlParseException e)
            {
                throw new ApiError(ApiErrorKind.BadData, $"invalid parameter \"match[]\": {e.Message}", e);
            }
        }
        try
        {
            foreach (var matchers in matcherSets)
            {
                storage.DeleteSeries(matchers, start, end);
            }
        }
        catch (StorageException ex)
        {
            throw new ApiError(ApiErrorKind.Internal, ex.Message, ex);
        }
        return null;
    }

    private static Action<GoJsonWriter>? CleanTombstones(ApiParameters p, TsdbStorage storage)
    {
        try
        {
            storage.CleanTombstones();
        }
        catch (Exception ex) when (ex is StorageException or IOException)
        {
            throw new ApiError(ApiErrorKind.Internal, ex.Message, ex);
        }
        return null;
    }

    private static Action<GoJsonWriter> Status(ApiParameters p, TsdbStorage storage)
    {
        var limit = DefaultStatusLimit;
        var text = p.Get("limit");
        if (!string.IsNullOrEmpty(text) &&
            (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            throw new ApiError(ApiErrorKind.BadData, "limit must be a positive number");
        }
        var status = storage.GetStatus(limit);
        return writer =>
        {
            writer.StartObject();
            writer.Name("headStats");
            writer.StartObject();
            writer.Name("numSeries");
            writer.Number(status.NumSeries);
            writer.Name("numLabelPairs");
            writer.Number(status.NumLabelPairs);
            writer.Name("chunkCount");
            writer.Number(status.ChunkCount);
            // An empty head reports the inverted range Prometheus reports (min = MaxInt64, max = MinInt64).
            var empty = status.NumSeries == 0 || status.MinTime == long.MinValue;
            writer.Name("minTime");
            writer.Number(empty ? long.MaxValue : status.MinTime);
            writer.Name("maxTime");
            writer.Number(empty ? long.MinValue : status.MaxTime);
            writer.EndObject();
            WriteStats(writer, "seriesCountByMetricName", status.SeriesCountByMetricName);
            WriteStats(writer, "labelValueCountByLabelName", status.LabelValueCountByLabelName);
            WriteStats(writer, "memoryInBytesByLabelName", status.MemoryInBytesByLabelName);
            WriteStats(writer, "seriesCountByLabelValuePair", status.SeriesCountByLabelValuePair);
            writer.EndObject();
        };
    }

    private static void WriteStats(GoJsonWriter writer, string name, IReadOnlyList<KeyValuePair<string, long>> entries)
    {
        writer.Name(name);
        writer.StartArray();
        foreach (var (key, value) in entries)
        {
            writer.StartObject();
            writer.Property("name", key);
            writer.Name("value");
            writer.Number(value);
            writer.EndObject();
        }
        writer.EndArray();
    }

    /// <summary>Go's strconv.ParseBool: 1, t, T, TRUE, true, True and their false counterparts.</summary>
    private static bool TryParseGoBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
