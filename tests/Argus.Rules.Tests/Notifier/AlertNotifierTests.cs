using Argus.Config;
using Argus.Instrumentation.Metrics;
using Argus.Model.Labels;
using Argus.Rules.Notifier;

namespace Argus.Rules.Tests.Notifier;

public sealed class AlertNotifierTests
{
    private static readonly DateTimeOffset StartsAt = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
    private static readonly DateTimeOffset EndsAt = StartsAt.AddMinutes(4);

    private static OutgoingAlert Alert(string name, params string[] extraLabels) => new(
        LabelSet.FromPairs(["alertname", name, .. extraLabels]),
        LabelSet.FromPairs("summary", $"{name} is burning"),
        StartsAt,
        EndsAt,
        $"http://argus:9090/graph?g0.expr={name}");

    private static PrometheusConfig Config(string yaml) => PrometheusConfigLoader.Load(yaml, "prometheus.yml", Path.GetTempPath());

    private static async Task<AlertNotifier> StartAsync(string yaml, MetricsRegistry registry, NotifierOptions? options = null, bool start = true)
    {
        var config = Config(yaml);
        var notifier = new AlertNotifier(options ?? new NotifierOptions(), registry);
        await notifier.ApplyConfigAsync(config.Alerting, config.Global.ExternalLabels);
        if (start)
        {
            notifier.Start();
        }
        return notifier;
    }

    private static double Metric(MetricsRegistry registry, string series)
    {
        var line = registry.WriteToString().Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task An_alert_is_posted_to_every_alertmanager_as_postable_alert_json_with_external_labels_under_its_own()
    {
        await using var first = await FakeAlertmanager.StartAsync();
        await using var second = await FakeAlertmanager.StartAsync();
        var registry = new MetricsRegistry();
        await using var notifier = await StartAsync($$"""
            global:
              external_labels: { cluster: eu-1, severity: from-external }
            alerting:
              alertmanagers:
                - static_configs: [ { targets: ['{{first.Address}}', '{{second.Address}}'] } ]
            """, registry, new NotifierOptions { UserAgent = "Argus/test" });

        notifier.Send([Alert("HighLatency", "severity", "page"), Alert("DiskFull")]);

        var expected = """
            [{"annotations":{"summary":"HighLatency is burning"},"endsAt":"2026-01-02T03:08:05.678Z","startsAt":"2026-01-02T03:04:05.678Z","generatorURL":"http://argus:9090/graph?g0.expr=HighLatency","labels":{"alertname":"HighLatency","cluster":"eu-1","severity":"page"}},{"annotations":{"summary":"DiskFull is burning"},"endsAt":"2026-01-02T03:08:05.678Z","startsAt":"2026-01-02T03:04:05.678Z","generatorURL":"http://argus:9090/graph?g0.expr=DiskFull","labels":{"alertname":"DiskFull","cluster":"eu-1","severity":"from-external"}}]
            """;
        foreach (var alertmanager in new[] { first, second })
        {
            var post = await alertmanager.NextAsync();
            Assert.Equal("POST", post.Method);
            Assert.Equal("/api/v2/alerts", post.Path);
            Assert.Equal("application/json", post.ContentType);
            Assert.Equal("Argus/test", post.UserAgent);
            Assert.Equal(expected, post.Body);
        }
        // Stopping waits for the batch's accounting, which follows the Alertmanagers' answers.
        await notifier.StopAsync(CancellationToken.None);
        Assert.Equal(2, Metric(registry, $"prometheus_notifications_sent_total{{alertmanager=\"http://{first.Address}/api/v2/alerts\"}}"));
        Assert.Equal(0, Metric(registry, $"prometheus_notifications_errors_total{{alertmanager=\"http://{second.Address}/api/v2/alerts\"}}"));
        Assert.Equal(2, Metric(registry, "prometheus_notifications_alertmanagers_discovered"));
    }

    [Fact]
    public async Task Alert_relabel_configs_change_labels_and_an_alert_relabelled_away_is_not_sent()
    {
        await using var alertmanager = await FakeAlertmanager.StartAsync();
        await using var notifier = await StartAsync($$"""
            global:
              external_labels: { replica: a }
            alerting:
              alert_relabel_configs:
                - { action: labeldrop, regex: replica }
                - { source_labels: [severity], regex: info, action: drop }
                - { source_labels: [alertname], target_label: team, replacement: ops }
              alertmanagers:
                - static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
                  alert_relabel_configs:
                    - { source_labels: [alertname], regex: Noisy, action: drop }
            """, new MetricsRegistry());

        notifier.Send([Alert("Quiet", "severity", "info"), Alert("Noisy"), Alert("Kept", "severity", "page")]);

        var post = await alertmanager.NextAsync();
        Assert.Equal(
            """[{"annotations":{"summary":"Kept is burning"},"endsAt":"2026-01-02T03:08:05.678Z","startsAt":"2026-01-02T03:04:05.678Z","generatorURL":"http://argus:9090/graph?g0.expr=Kept","labels":{"alertname":"Kept","severity":"page","team":"ops"}}]""",
            post.Body);
        Assert.Equal(0, notifier.QueueLength);
    }

    [Fact]
    public async Task Relabel_configs_choose_the_alertmanagers_their_scheme_and_path_and_report_the_dropped_ones()
    {
        await using var kept = await FakeAlertmanager.StartAsync();
        await using var other = await FakeAlertmanager.StartAsync();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - path_prefix: /prefix/
                  static_configs:
                    - targets: ['{{kept.Address}}']
                      labels: { role: main }
                    - targets: ['{{other.Address}}']
                      labels: { role: spare }
                  relabel_configs:
                    - { source_labels: [role], regex: main, action: keep }
                    - { source_labels: [__alerts_path__], regex: '(.*)', target_label: __alerts_path__, replacement: '/routed$1' }
            """, new MetricsRegistry());

        Assert.Equal([$"http://{kept.Address}/routed/prefix/api/v2/alerts"], notifier.ActiveAlertmanagers.Select(a => a.Url.AbsoluteUri));
        Assert.Equal([$"http://{other.Address}/prefix/api/v2/alerts"], notifier.DroppedAlertmanagers.Select(a => a.Url.AbsoluteUri));

        notifier.Send([Alert("First")]);
        Assert.Equal("/routed/prefix/api/v2/alerts", (await kept.NextAsync()).Path);
        // A second batch reaches the kept Alertmanager only after every post of the first finished.
        notifier.Send([Alert("Second")]);
        await kept.NextAsync();
        Assert.False(other.TryTake(out _));
    }

    [Fact]
    public async Task Basic_auth_and_authorization_headers_are_sent_as_configured()
    {
        await using var basic = await FakeAlertmanager.StartAsync();
        await using var bearer = await FakeAlertmanager.StartAsync();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - basic_auth: { username: argus, password: s3cret }
                  static_configs: [ { targets: ['{{basic.Address}}'] } ]
                - authorization: { credentials: token-1 }
                  static_configs: [ { targets: ['{{bearer.Address}}'] } ]
            """, new MetricsRegistry());

        notifier.Send([Alert("Authenticated")]);

        Assert.Equal("Basic " + Convert.ToBase64String("argus:s3cret"u8.ToArray()), (await basic.NextAsync()).Authorization);
        Assert.Equal("Bearer token-1", (await bearer.NextAsync()).Authorization);
    }

    [Fact]
    public async Task Configured_http_headers_are_sent()
    {
        await using var alertmanager = await FakeAlertmanager.StartAsync();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - http_headers:
                    X-Tenant: { values: [team-a] }
                    X-Token: { secrets: [hidden] }
                  static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
            """, new MetricsRegistry());

        notifier.Send([Alert("WithHeaders")]);

        var post = await alertmanager.NextAsync();
        Assert.Equal("team-a", post.Headers["X-Tenant"]);
        Assert.Equal("hidden", post.Headers["X-Token"]);
    }

    [Fact]
    public async Task Https_alertmanagers_are_verified_against_the_configured_ca()
    {
        using var certificate = FakeAlertmanager.SelfSignedCertificate();
        await using var alertmanager = await FakeAlertmanager.StartAsync(certificate);
        var caFile = Path.Combine(Path.GetTempPath(), $"argus-notifier-ca-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(caFile, certificate.ExportCertificatePem());
        try
        {
            var registry = new MetricsRegistry();
            await using var notifier = await StartAsync($$"""
                alerting:
                  alertmanagers:
                    - scheme: https
                      path_prefix: /trusted
                      tls_config: { ca_file: '{{caFile}}' }
                      static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
                    - scheme: https
                      path_prefix: /untrusted
                      static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
                """, registry);

            notifier.Send([Alert("OverTls")]);
            Assert.Equal("/trusted/api/v2/alerts", (await alertmanager.NextAsync()).Path);
            await notifier.StopAsync(CancellationToken.None);

            // Without the CA the handshake fails: the post never reaches the server and counts as an error.
            Assert.False(alertmanager.TryTake(out _));
            Assert.Equal(1, Metric(registry, $"prometheus_notifications_errors_total{{alertmanager=\"https://{alertmanager.Address}/untrusted/api/v2/alerts\"}}"));
            Assert.Equal(0, Metric(registry, $"prometheus_notifications_errors_total{{alertmanager=\"https://{alertmanager.Address}/trusted/api/v2/alerts\"}}"));
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public async Task An_alertmanager_that_does_not_answer_within_the_timeout_counts_as_an_error()
    {
        await using var alertmanager = await FakeAlertmanager.StartAsync();
        var hold = new TaskCompletionSource();
        alertmanager.Hold = hold;
        var registry = new MetricsRegistry();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - timeout: 100ms
                  static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
            """, registry);

        notifier.Send([Alert("Unanswered")]);
        await alertmanager.NextAsync();
        // The stop drains nothing more; it only waits for the timed-out post's accounting.
        await notifier.StopAsync(CancellationToken.None);
        hold.SetResult();

        Assert.Equal(1, Metric(registry, $"prometheus_notifications_errors_total{{alertmanager=\"http://{alertmanager.Address}/api/v2/alerts\"}}"));
        Assert.Equal(1, Metric(registry, "prometheus_notifications_dropped_total"));
    }

    [Fact]
    public async Task A_full_queue_drops_its_oldest_alerts_and_counts_them()
    {
        await using var alertmanager = await FakeAlertmanager.StartAsync();
        var registry = new MetricsRegistry();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
            """, registry, new NotifierOptions { QueueCapacity = 3 }, start: false);

        notifier.Send([Alert("A1"), Alert("A2")]);
        notifier.Send([Alert("A3"), Alert("A4")]);
        notifier.Send([Alert("B1"), Alert("B2"), Alert("B3"), Alert("B4"), Alert("B5")]);

        Assert.Equal(3, notifier.QueueLength);
        Assert.Equal(3, Metric(registry, "prometheus_notifications_queue_length"));
        Assert.Equal(3, Metric(registry, "prometheus_notifications_queue_capacity"));
        // A1 made room for A4; B1 and B2 did not fit a batch larger than the queue; A2..A4 made room for B3..B5.
        Assert.Equal(6, Metric(registry, "prometheus_notifications_dropped_total"));

        notifier.Start();
        var post = await alertmanager.NextAsync();
        Assert.Contains("\"alertname\":\"B3\"", post.Body, StringComparison.Ordinal);
        Assert.Contains("\"alertname\":\"B5\"", post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"alertname\":\"B2\"", post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"alertname\":\"A", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batches_hold_at_most_the_batch_size()
    {
        await using var alertmanager = await FakeAlertmanager.StartAsync();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
            """, new MetricsRegistry(), new NotifierOptions { MaxBatchSize = 2 }, start: false);

        notifier.Send([Alert("A"), Alert("B"), Alert("C")]);
        notifier.Start();

        var first = await alertmanager.NextAsync();
        var second = await alertmanager.NextAsync();
        Assert.Equal(2, CountAlerts(first.Body));
        Assert.Equal(1, CountAlerts(second.Body));
        Assert.Contains("\"alertname\":\"C\"", second.Body, StringComparison.Ordinal);
    }

    private static int CountAlerts(string body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetArrayLength();

    [Fact]
    public async Task A_refusing_alertmanager_counts_errors_and_the_batch_as_dropped()
    {
        await using var alertmanager = await FakeAlertmanager.StartAsync();
        alertmanager.Status = 500;
        var registry = new MetricsRegistry();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
            """, registry);

        notifier.Send([Alert("Refused"), Alert("AlsoRefused")]);
        await alertmanager.NextAsync();
        // The next batch is taken only after the first one's accounting is done.
        alertmanager.Status = 200;
        notifier.Send([Alert("Accepted")]);
        await alertmanager.NextAsync();
        await notifier.StopAsync(CancellationToken.None);

        var url = $"http://{alertmanager.Address}/api/v2/alerts";
        Assert.Equal(3, Metric(registry, $"prometheus_notifications_sent_total{{alertmanager=\"{url}\"}}"));
        Assert.Equal(2, Metric(registry, $"prometheus_notifications_errors_total{{alertmanager=\"{url}\"}}"));
        Assert.Equal(2, Metric(registry, "prometheus_notifications_dropped_total"));
        Assert.Equal(2, Metric(registry, $"prometheus_notifications_latency_seconds_count{{alertmanager=\"{url}\"}}"));
    }

    [Fact]
    public async Task A_reload_keeps_queued_alerts_and_sends_them_to_the_new_alertmanagers()
    {
        await using var before = await FakeAlertmanager.StartAsync();
        await using var after = await FakeAlertmanager.StartAsync();
        var registry = new MetricsRegistry();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - static_configs: [ { targets: ['{{before.Address}}'] } ]
            """, registry, start: false);
        notifier.Send([Alert("QueuedBeforeReload")]);

        var reloaded = Config($$"""
            global:
              external_labels: { reloaded: "yes" }
            alerting:
              alertmanagers:
                - path_prefix: /am
                  static_configs: [ { targets: ['{{after.Address}}'] } ]
            """);
        await notifier.ApplyConfigAsync(reloaded.Alerting, reloaded.Global.ExternalLabels);
        notifier.Start();
        notifier.Send([Alert("SentAfterReload")]);

        var post = await after.NextAsync();
        Assert.Equal("/am/api/v2/alerts", post.Path);
        // Queued alerts keep the labels they were queued with; new ones get the reloaded external labels.
        Assert.Contains("\"labels\":{\"alertname\":\"QueuedBeforeReload\"}", post.Body, StringComparison.Ordinal);
        Assert.Contains("\"labels\":{\"alertname\":\"SentAfterReload\",\"reloaded\":\"yes\"}", post.Body + (after.TryTake(out var more) ? more!.Body : ""),
            StringComparison.Ordinal);
        Assert.False(before.TryTake(out _));
        Assert.Equal([$"http://{after.Address}/am/api/v2/alerts"], notifier.ActiveAlertmanagers.Select(a => a.Url.AbsoluteUri));
        Assert.DoesNotContain(before.Address, registry.WriteToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alertmanagers_from_file_sd_are_discovered()
    {
        await using var alertmanager = await FakeAlertmanager.StartAsync();
        var directory = Directory.CreateTempSubdirectory("argus-notifier-");
        try
        {
            var file = Path.Combine(directory.FullName, "ams.json");
            await File.WriteAllTextAsync(file, $$$"""[{"targets":["{{{alertmanager.Address}}}"],"labels":{"dc":"x"}}]""");
            await using var notifier = await StartAsync($$"""
                alerting:
                  alertmanagers:
                    - file_sd_configs: [ { files: ['{{file}}'] } ]
                """, new MetricsRegistry());

            var active = Assert.Single(notifier.ActiveAlertmanagers);
            Assert.Equal($"http://{alertmanager.Address}/api/v2/alerts", active.Url.AbsoluteUri);
            Assert.Equal("x", active.Labels.Get("dc"));
            Assert.False(active.Labels.Has("__meta_filepath"));

            notifier.Send([Alert("Discovered")]);
            Assert.Contains("Discovered", (await alertmanager.NextAsync()).Body, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Stopping_drains_the_queue()
    {
        await using var alertmanager = await FakeAlertmanager.StartAsync();
        await using var notifier = await StartAsync($$"""
            alerting:
              alertmanagers:
                - static_configs: [ { targets: ['{{alertmanager.Address}}'] } ]
            """, new MetricsRegistry(), start: false);
        notifier.Send([Alert("LastWords")]);

        await notifier.StopAsync(CancellationToken.None);

        Assert.Equal(0, notifier.QueueLength);
        Assert.Contains("LastWords", (await alertmanager.NextAsync()).Body, StringComparison.Ordinal);
    }
}
