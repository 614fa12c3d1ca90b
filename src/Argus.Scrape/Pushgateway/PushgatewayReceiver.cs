using System.Buffers;
using System.Text;
using Argus.Instrumentation.Exposition;
using Argus.Scrape.Http;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Pushgateway;

/// <summary>
/// The Pushgateway-compatible API: <c>PUT</c> (replace the group), <c>POST</c> (replace the pushed families)
/// and <c>DELETE</c> (remove the group) on <c>/metrics/job/&lt;job&gt;{/&lt;label&gt;/&lt;value&gt;}</c>, and
/// <c>GET /pushgateway/metrics</c> exposing every group.
/// </summary>
/// <remarks>
/// Pushed groups are exposed for scraping rather than written to storage directly, deliberately: a scrape
/// job on <c>/pushgateway/metrics</c> with <c>honor_labels: true</c> keeps the pushed job/instance labels,
/// stamps samples with the scrape time and writes staleness markers when a group is deleted, exactly as with
/// a real Pushgateway, so dashboards and alerts (including on <c>push_time_seconds</c>) behave the same.
/// Thread-safe.
/// </remarks>
public sealed class PushgatewayReceiver(PushgatewayStore store, TimeProvider? time = null, int maxBodyBytes = 16 << 20)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Handles a request whose path starts with <c>/metrics/</c> (push API) or is <c>/pushgateway/metrics</c>.</summary>
    public async Task<ReceiverResponse> HandleAsync(ReceiverRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Path.TrimEnd('/') == "/pushgateway/metrics")
        {
            if (request.Method is not ("GET" or "HEAD"))
            {
                return ReceiverResponse.Text(405, "method not allowed");
            }
            var text = new StringWriter();
            store.WriteExposition(text);
            return new ReceiverResponse(200, ExpositionWriter.ContentType, Encoding.UTF8.GetBytes(text.ToString()));
        }
        if (!request.Path.StartsWith("/metrics/", StringComparison.Ordinal))
        {
            return ReceiverResponse.Text(404, "not found");
        }
        var (labels, error) = GroupingKey.Parse(request.Path["/metrics/".Length..]);
        if (labels is null)
        {
            return ReceiverResponse.Text(400, error!);
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        switch (request.Method)
        {
            case "DELETE":
                store.Delete(labels);
                return ReceiverResponse.Empty(202);
            case "PUT":
            case "POST":
                break;
            default:
                return ReceiverResponse.Text(405, "method not allowed: use PUT, POST or DELETE");
        }
        var contentType = request.Header("Content-Type") ?? string.Empty;
        if (contentType.StartsWith("application/vnd.google.protobuf", StringComparison.OrdinalIgnoreCase))
        {
            return ReceiverResponse.Text(415, "protobuf pushes are not supported by Argus; push the text format");
        }
        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = await BoundedBodyReader.ReadAsync(request, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BodyTooLargeException e)
        {
            return ReceiverResponse.Text(413, e.Message);
        }
        try
        {
            var format = contentType.StartsWith("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
                ? ExpositionFormat.OpenMetrics
                : ExpositionFormat.PrometheusText;
            var families = PushBodyParser.Parse(buffer.AsSpan(0, length), format, labels);
            store.Push(labels, families, replaceAll: request.Method == "PUT", now);
            return ReceiverResponse.Empty(200);
        }
        catch (ExpositionFormatException e)
        {
            store.RecordFailure(labels, now);
            return ReceiverResponse.Text(400, "pushed metrics are invalid or inconsistent with existing metrics: " + e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
