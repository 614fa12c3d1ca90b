using System.Net;
using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Storage.InMemory;
using Argus.Web.Api.V1;

namespace Argus.Web.Tests.Api;

public sealed class PrometheusApiDiscoveryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private ApiTestHost? _host;

    private static IReadOnlyList<ScrapePoolStatus> Pools() =>
    [
        new ScrapePoolStatus(
            "node",
            [
                new TargetStatus(
                    LabelSet.FromPairs("__address__", "127.0.0.1:9100", "__metrics_path__", "/metrics", "__scheme__", "http", "job", "node"),
                    LabelSet.FromPairs("instance", "127.0.0.1:9100", "job", "node"),
                    "http://127.0.0.1:9100/metrics",
                    "http://argus.example:9100/metrics",
                    string.Empty,
                    Now.AddMilliseconds(-500),
                    TimeSpan.FromSeconds(0.0125),
                    "up",
                    "15s",
                    "10s"),
                new TargetStatus(
                    LabelSet.FromPairs("__address__", "10.0.0.2:9100", "job", "node"),
                    LabelSet.FromPairs("instance", "10.0.0.2:9100", "job", "node"),
                    "http://10.0.0.2:9100/metrics",
                    "http://10.0.0.2:9100/metrics",
                    string.Empty,
                    null,
                    TimeSpan.Zero,
                    "unknown",
                    "1m",
                    "10s"),
            ],
            [LabelSet.FromPairs("__address__", "10.0.0.9:9100", "job", "node")]),
        new ScrapePoolStatus(
            "api",
            [
                new TargetStatus(
                    LabelSet.FromPairs("__address__", "api:80", "job", "api"),
                    LabelSet.FromPairs("instance", "api:80", "job", "api"),
                    "http://api:80/metrics",
                    "http://api:80/metrics",
                    "connection refused",
                    Now.AddTicks(-1),
                    TimeSpan.FromMilliseconds(3),
                    "down",
                    "15s",
                    "10s"),
            ],
            []),
    ];

    private static IReadOnlyList<RuleGroupStatus> Rules() =>
    [
        new RuleGroupStatus(
            "example",
            "/etc/rules.yml",
            [
                new RuleStatus("job:up:sum", "sum by (job) (up)", LabelSet.Empty, "ok", string.Empty, TimeSpan.FromMilliseconds(1.5), Now),
                new RuleStatus("InstanceDown", "up == 0", LabelSet.FromPairs("severity", "page"), "ok", string.Empty, TimeSpan.FromMilliseconds(2), Now)
                {
                    IsAlerting = true,
                    State = "firing",
                    Duration = TimeSpan.FromMinutes(5),
                    Annotations = LabelSet.FromPairs("summary", "down"),
                    Alerts =
                    [
                        new AlertStatus(
                            LabelSet.FromPairs("alertname", "InstanceDown", "instance", "api:80", "severity", "page"),
                            LabelSet.FromPairs("summary", "down"),
                            "firing",
                            Now.AddMinutes(-10),
                            null,
                            0),
                    ],
                },
            ],
            TimeSpan.FromSeconds(30),
            0,
            TimeSpan.FromMilliseconds(3.5),
            Now),
        new RuleGroupStatus("empty", "/etc/other.yml", [], TimeSpan.FromMinutes(1), 10, TimeSpan.Zero, null),
    ];

    public async Task InitializeAsync()
    {
        var api = new PrometheusApi(new InMemoryStorage(), new PromqlEngine(), new PrometheusApiSources
        {
            Time = new FixedTime(Now),
            Targets = Pools,
            RuleGroups = Rules,
            Alertmanagers = () => new AlertmanagerStatus(["http://127.0.0.1:9093/api/v2/alerts"], []),
        });
        _host = await ApiTestHost.StartAsync(api.Map);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private Task<(HttpStatusCode Status, string Body)> GetAsync(string url) => _host!.GetAsync(url);

    private const string NodeUp =
        "{\"discoveredLabels\":{\"__address__\":\"127.0.0.1:9100\",\"__metrics_path__\":\"/metrics\",\"__scheme__\":\"http\",\"job\":\"node\"}," +
        "\"labels\":{\"instance\":\"127.0.0.1:9100\",\"job\":\"node\"},\"scrapePool\":\"node\",\"scrapeUrl\":\"http://127.0.0.1:9100/metrics\"," +
        "\"globalUrl\":\"http://argus.example:9100/metrics\",\"lastError\":\"\",\"lastScrape\":\"2023-11-14T22:13:19.5Z\",\"lastScrapeDuration\":0.0125," +
        "\"health\":\"up\",\"scrapeInterval\":\"15s\",\"scrapeTimeout\":\"10s\"}";

    private const string NodeUnknown =
        "{\"discoveredLabels\":{\"__address__\":\"10.0.0.2:9100\",\"job\":\"node\"},\"labels\":{\"instance\":\"10.0.0.2:9100\",\"job\":\"node\"}," +
        "\"scrapePool\":\"node\",\"scrapeUrl\":\"http://10.0.0.2:9100/metrics\",\"globalUrl\":\"http://10.0.0.2:9100/metrics\",\"lastError\":\"\"," +
        "\"lastScrape\":\"0001-01-01T00:00:00Z\",\"lastScrapeDuration\":0,\"health\":\"unknown\",\"scrapeInterval\":\"1m\",\"scrapeTimeout\":\"10s\"}";

    private const string ApiDown =
        "{\"discoveredLabels\":{\"__address__\":\"api:80\",\"job\":\"api\"},\"labels\":{\"instance\":\"api:80\",\"job\":\"api\"}," +
        "\"scrapePool\":\"api\",\"scrapeUrl\":\"http://api:80/metrics\",\"globalUrl\":\"http://api:80/metrics\",\"lastError\":\"connection refused\"," +
        "\"lastScrape\":\"2023-11-14T22:13:19.9999999Z\",\"lastScrapeDuration\":0.003,\"health\":\"down\",\"scrapeInterval\":\"15s\",\"scrapeTimeout\":\"10s\"}";

    private const string NodeDropped = "{\"discoveredLabels\":{\"__address__\":\"10.0.0.9:9100\",\"job\":\"node\"},\"scrapePool\":\"node\"}";

    [Fact]
    public async Task Targets_lists_active_targets_by_pool_then_dropped_ones_and_their_countsAsync()
    {
        var (status, body) = await GetAsync("/api/v1/targets");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            "{\"status\":\"success\",\"data\":{\"activeTargets\":[" + ApiDown + "," + NodeUp + "," + NodeUnknown + "],\"droppedTargets\":[" + NodeDropped +
            "],\"droppedTargetCounts\":{\"api\":0,\"node\":1}}}",
            body);
    }

    [Fact]
    public async Task Targets_state_active_leaves_out_dropped_targets_and_their_countsAsync()
    {
        var (_, body) = await GetAsync("/api/v1/targets?state=active&scrapePool=api");
        Assert.Equal("{\"status\":\"success\",\"data\":{\"activeTargets\":[" + ApiDown + "],\"droppedTargets\":[],\"droppedTargetCounts\":null}}", body);
    }

    [Fact]
    public async Task Targets_state_dropped_of_one_pool_still_counts_every_poolAsync()
    {
        var (_, body) = await GetAsync("/api/v1/targets?state=dropped&scrapePool=node");
        Assert.Equal("{\"status\":\"success\",\"data\":{\"activeTargets\":[],\"droppedTargets\":[" + NodeDropped + "],\"droppedTargetCounts\":{\"api\":0,\"node\":1}}}", body);
    }

    [Fact]
    public async Task Alertmanagers_lists_the_notifier_urlsAsync()
    {
        var (_, body) = await GetAsync("/api/v1/alertmanagers");
        Assert.Equal("{\"status\":\"success\",\"data\":{\"activeAlertmanagers\":[{\"url\":\"http://127.0.0.1:9093/api/v2/alerts\"}],\"droppedAlertmanagers\":[]}}", body);
    }

    private const string RecordingRule =
        "{\"name\":\"job:up:sum\",\"query\":\"sum by (job) (up)\",\"health\":\"ok\",\"evaluationTime\":0.0015,\"lastEvaluation\":\"2023-11-14T22:13:20Z\",\"type\":\"recording\"}";

    private const string Alert =
        "{\"labels\":{\"alertname\":\"InstanceDown\",\"instance\":\"api:80\",\"severity\":\"page\"},\"annotations\":{\"summary\":\"down\"}," +
        "\"state\":\"firing\",\"activeAt\":\"2023-11-14T22:03:20Z\",\"value\":\"0e+00\"}";

    private static string AlertingRule(string alerts) =>
        "{\"state\":\"firing\",\"name\":\"InstanceDown\",\"query\":\"up == 0\",\"duration\":300,\"keepFiringFor\":0,\"labels\":{\"severity\":\"page\"}," +
        "\"annotations\":{\"summary\":\"down\"},\"alerts\":[" + alerts + "],\"health\":\"ok\",\"evaluationTime\":0.002,\"lastEvaluation\":\"2023-11-14T22:13:20Z\",\"type\":\"alerting\"}";

    [Fact]
    public async Task Rules_lists_groups_with_recording_and_alerting_rules_in_Prometheus_shapeAsync()
    {
        var (_, body) = await GetAsync("/api/v1/rules");
        Assert.Equal(
            "{\"status\":\"success\",\"data\":{\"groups\":[" +
            "{\"name\":\"example\",\"file\":\"/etc/rules.yml\",\"rules\":[" + RecordingRule + "," + AlertingRule(Alert) + "],\"interval\":30,\"limit\":0,\"evaluationTime\":0.0035,\"lastEvaluation\":\"2023-11-14T22:13:20Z\"}," +
            "{\"name\":\"empty\",\"file\":\"/etc/other.yml\",\"rules\":[],\"interval\":60,\"limit\":10,\"evaluationTime\":0,\"lastEvaluation\":\"0001-01-01T00:00:00Z\"}]}}",
            body);
    }

    [Fact]
    public async Task Rules_filtered_to_alerts_without_their_alerts_hides_groups_left_emptyAsync()
    {
        var (_, body) = await GetAsync("/api/v1/rules?type=alert&exclude_alerts=true");
        Assert.Equal(
            "{\"status\":\"success\",\"data\":{\"groups\":[" +
            "{\"name\":\"example\",\"file\":\"/etc/rules.yml\",\"rules\":[" + AlertingRule(string.Empty) + "],\"interval\":30,\"limit\":0,\"evaluationTime\":0.0035,\"lastEvaluation\":\"2023-11-14T22:13:20Z\"}]}}",
            body);
    }

    [Fact]
    public async Task Rules_with_an_unknown_type_is_bad_dataAsync()
    {
        var (status, body) = await GetAsync("/api/v1/rules?type=bogus");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid query parameter type='bogus'\"}", body);
    }

    [Fact]
    public async Task Alerts_lists_every_active_alertAsync()
    {
        var (_, body) = await GetAsync("/api/v1/alerts");
        Assert.Equal("{\"status\":\"success\",\"data\":{\"alerts\":[" + Alert + "]}}", body);
    }

    [Fact]
    public async Task Query_exemplars_answers_an_empty_list_and_validates_the_queryAsync()
    {
        var (status, body) = await GetAsync("/api/v1/query_exemplars?query=up&start=1&end=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"status\":\"success\",\"data\":[]}", body);
        (status, body) = await GetAsync("/api/v1/query_exemplars?query=up%7B&start=1&end=2");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"errorType\":\"bad_data\"", body, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
