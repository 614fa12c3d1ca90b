using System.Text;

namespace Argus.Notify.Tests.Channels;

/// <summary>Jira against a loopback server standing in for its REST API: search by label, create, update, transitions.</summary>
public sealed class JiraNotifierTests
{
    private const string Hash = PagerdutyNotifierTests.GroupKeyHash;
    private const string Label = "ALERT{" + Hash + "}";

    private static string Config(LoopbackHttpServer server, string extra = "", string version = "2",
        string labels = "[alertmanager, '{{ .CommonLabels.severity }}']", string description = "'Latency of {{ .GroupLabels.job }}'") =>
        $"  jira_configs:\n  - api_url: {server.Url("rest/api/" + version)}\n    project: OPS\n    issue_type: Bug\n" +
        $"    labels: {labels}\n    priority: '{{{{ if eq .CommonLabels.severity \"page\" }}}}High{{{{ end }}}}'\n" +
        $"    description: {description}\n    resolve_transition: Done\n    reopen_transition: To Do\n    reopen_duration: 1h\n" +
        "    wont_fix_resolution: \"Won't Fix\"\n    http_config: {basic_auth: {username: bot@example.com, password: pat}}\n" +
        "    fields:\n      components: [{name: Monitoring}]\n      customfield_10001: '{{ .GroupLabels.job }}'\n      customfield_10002: {value: red}\n      customfield_10004: 42\n" + extra;

    private static string SearchBody(string statusClause) =>
        "{\"fields\":[\"status\"],\"jql\":\"resolution != \\\"Won't Fix\\\" and " + statusClause + " and project=\\\"OPS\\\" and labels=\\\"" + Label +
        "\\\" order by status ASC,resolutiondate DESC\",\"maxResults\":2}\n";

    private const string Issue =
        "{\"fields\":{\"components\":[{\"name\":\"Monitoring\"}],\"customfield_10001\":\"api\",\"customfield_10002\":{\"value\":\"red\"},\"customfield_10004\":42," +
        "\"description\":\"Latency of api\",\"issuetype\":{\"name\":\"Bug\"},\"labels\":[\"" + Label + "\",\"alertmanager\",\"page\"],\"priority\":{\"name\":\"High\"}," +
        "\"project\":{\"key\":\"OPS\"},\"summary\":\"[FIRING:2] HighLatency api (page)\"}}\n";

    private const string Transitions = "{\"transitions\":[{\"id\":\"11\",\"name\":\"To Do\"},{\"id\":\"31\",\"name\":\"Done\"}]}";

    private static string Found(string category) =>
        "{\"issues\":[{\"key\":\"OPS-7\",\"fields\":{\"status\":{\"name\":\"x\",\"statusCategory\":{\"key\":\"" + category + "\"}}}}]}";

    [Fact]
    public async Task A_new_firing_group_searches_for_its_label_then_creates_an_issue()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, "{\"issues\":[]}");
        server.Enqueue(201, "{\"id\":\"10000\",\"key\":\"OPS-1\"}");
        await TestNotifications.NotifyAsync(Config(server));

        var requests = server.Requests;
        Assert.Equal(["POST /rest/api/2/search", "POST /rest/api/2/issue"], requests.Select(r => r.Method + " " + r.PathAndQuery));
        Assert.All(requests, r => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bot@example.com:pat")), r.Header("Authorization")));
        Assert.All(requests, r => Assert.Equal("en", r.Header("Accept-Language")));
        Assert.Equal(SearchBody("(resolutiondate is EMPTY OR resolutiondate \\u003e= -60m)"), requests[0].Body);
        Assert.Equal(Issue, requests[1].Body);
    }

    [Fact]
    public async Task A_resolved_group_updates_its_open_issue_and_resolves_it()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, Found("indeterminate"));
        server.Enqueue(204, string.Empty);
        server.Enqueue(200, Transitions);
        server.Enqueue(204, string.Empty);
        await TestNotifications.NotifyAsync(Config(server), TestNotifications.ResolvedRequest());

        var requests = server.Requests;
        Assert.Equal(
            ["POST /rest/api/2/search", "PUT /rest/api/2/issue/OPS-7", "GET /rest/api/2/issue/OPS-7/transitions", "POST /rest/api/2/issue/OPS-7/transitions"],
            requests.Select(r => r.Method + " " + r.PathAndQuery));
        Assert.Equal(SearchBody("statusCategory != Done"), requests[0].Body);
        Assert.Contains("\"summary\":\"[RESOLVED] HighLatency api (page)\"", requests[1].Body, StringComparison.Ordinal);
        Assert.Equal("{\"transition\":{\"id\":\"31\"}}\n", requests[3].Body);
    }

    [Fact]
    public async Task A_group_firing_again_reopens_its_recently_done_issue()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, Found("done"));
        server.Enqueue(204, string.Empty);
        server.Enqueue(200, Transitions);
        server.Enqueue(204, string.Empty);
        await TestNotifications.NotifyAsync(Config(server));

        var requests = server.Requests;
        Assert.Equal("PUT /rest/api/2/issue/OPS-7", requests[1].Method + " " + requests[1].PathAndQuery);
        Assert.Equal(Issue, requests[1].Body);
        Assert.Equal("{\"transition\":{\"id\":\"11\"}}\n", requests[3].Body);
    }

    [Fact]
    public async Task A_resolved_group_without_an_issue_creates_nothing()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, "{\"issues\":[]}");
        await TestNotifications.NotifyAsync(Config(server), TestNotifications.ResolvedRequest());
        Assert.Equal("/rest/api/2/search", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task Fields_without_enable_update_are_left_alone_on_an_existing_issue()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, Found("indeterminate"));
        server.Enqueue(204, string.Empty);
        await TestNotifications.NotifyAsync(Config(server, "    summary: {template: 'S {{ .Status }}', enable_update: false}\n", labels: "{values: [x], enable_update: false}"));

        var update = server.Requests[1].Body;
        Assert.DoesNotContain("\"summary\"", update, StringComparison.Ordinal);
        Assert.DoesNotContain("\"labels\"", update, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"Latency of api\"", update, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jira_cloud_searches_with_api_v3_and_api_v3_descriptions_are_documents()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, "{\"issues\":[]}");
        server.Enqueue(201, "{}");
        await TestNotifications.NotifyAsync(
            Config(server, "    api_type: cloud\n", version: "3",
                description: "'{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"{{ .Status }}\"}]}]}'"));

        var requests = server.Requests;
        Assert.Equal(["POST /rest/api/3/search/jql", "POST /rest/api/3/issue"], requests.Select(r => r.Method + " " + r.PathAndQuery));
        Assert.Contains(
            "\"description\":{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"firing\"}]}]}",
            requests[1].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(502, true)]
    [InlineData(400, false)]
    public async Task Rate_limits_and_server_errors_are_retried(int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, "{\"issues\":[]}");
        server.Enqueue(status, "{\"errorMessages\":[],\"errors\":{\"priority\":\"Priority name 'High' is not valid\"}}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(Config(server)));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains("Priority name", error.Message, StringComparison.Ordinal);
    }
}
