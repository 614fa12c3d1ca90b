using System.Text;
using Argus.Model.Labels;
using Argus.Scrape.Http;
using Argus.Scrape.Parsing;
using Argus.Scrape.Pushgateway;
using Argus.Scrape.Tests.Parsing;

namespace Argus.Scrape.Tests.Pushgateway;

public sealed class PushgatewayReceiverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-pgw-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<ReceiverResponse> SendAsync(PushgatewayReceiver receiver, string method, string path, string body = "") =>
        receiver.HandleAsync(ReceiverRequest.Create(method, path, new MemoryStream(Encoding.UTF8.GetBytes(body)), ("Content-Type", "text/plain; version=0.0.4")));

    private static async Task<Dictionary<string, double>> ExposedAsync(PushgatewayReceiver receiver)
    {
        var response = await SendAsync(receiver, "GET", "/pushgateway/metrics");
        Assert.Equal(200, response.StatusCode);
        return ParseHelper.Samples(response.BodyText, ExpositionFormat.PrometheusText).ToDictionary(s => s.Labels.ToString(), s => s.Value);
    }

    [Fact]
    public async Task Put_replaces_post_merges_and_delete_removes_a_group()
    {
        var receiver = new PushgatewayReceiver(new PushgatewayStore());
        Assert.Equal(200, (await SendAsync(receiver, "PUT", "/metrics/job/backup/instance/db1", "# TYPE a counter\na 1\nb 2\n")).StatusCode);
        var exposed = await ExposedAsync(receiver);
        Assert.Equal(1, exposed["{__name__=\"a\", instance=\"db1\", job=\"backup\"}"]);
        Assert.Equal(2, exposed["{__name__=\"b\", instance=\"db1\", job=\"backup\"}"]);
        Assert.True(exposed["{__name__=\"push_time_seconds\", instance=\"db1\", job=\"backup\"}"] > 1.7e9);
        Assert.Equal(0, exposed["{__name__=\"push_failure_time_seconds\", instance=\"db1\", job=\"backup\"}"]);

        Assert.Equal(200, (await SendAsync(receiver, "POST", "/metrics/job/backup/instance/db1", "a 10\n")).StatusCode);
        exposed = await ExposedAsync(receiver);
        Assert.Equal(10, exposed["{__name__=\"a\", instance=\"db1\", job=\"backup\"}"]);
        Assert.Equal(2, exposed["{__name__=\"b\", instance=\"db1\", job=\"backup\"}"]);

        Assert.Equal(200, (await SendAsync(receiver, "PUT", "/metrics/job/backup/instance/db1", "c 3\n")).StatusCode);
        exposed = await ExposedAsync(receiver);
        Assert.False(exposed.ContainsKey("{__name__=\"b\", instance=\"db1\", job=\"backup\"}"));
        Assert.Equal(3, exposed["{__name__=\"c\", instance=\"db1\", job=\"backup\"}"]);

        Assert.Equal(202, (await SendAsync(receiver, "DELETE", "/metrics/job/backup/instance/db1")).StatusCode);
        Assert.DoesNotContain((await ExposedAsync(receiver)).Keys, k => k.Contains("backup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Base64_encoded_label_values_may_hold_slashes_and_be_empty()
    {
        var receiver = new PushgatewayReceiver(new PushgatewayStore());
        // "/var/tmp" in base64url is L3Zhci90bXA
        Assert.Equal(200, (await SendAsync(receiver, "PUT", "/metrics/job@base64/YmFja3Vw/path@base64/L3Zhci90bXA/empty@base64/=", "m 1\n")).StatusCode);
        var exposed = await ExposedAsync(receiver);
        Assert.Equal(1, exposed["{__name__=\"m\", job=\"backup\", path=\"/var/tmp\"}"]);
        Assert.Equal(400, (await SendAsync(receiver, "PUT", "/metrics/job/x/a@base64/!!!", "m 1\n")).StatusCode);
    }

    [Theory]
    [InlineData("/metrics/instance/x", "must start with the job label")]
    [InlineData("/metrics/job", "the path must be")]
    [InlineData("/metrics/job/x/instance", "the path must be")]
    [InlineData("/metrics/job/x/a/1/a/2", "appears twice")]
    [InlineData("/metrics/job/x/1bad/1", "invalid label name")]
    public async Task Bad_grouping_keys_are_400(string path, string reason)
    {
        var response = await SendAsync(new PushgatewayReceiver(new PushgatewayStore()), "PUT", path, "m 1\n");
        Assert.Equal(400, response.StatusCode);
        Assert.Contains(reason, response.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m 1 1000\n", "must not have timestamps")]
    [InlineData("m{job=\"other\"} 1\n", "contradicts the grouping key")]
    [InlineData("m oops\n", "line 1: invalid sample value")]
    public async Task Invalid_pushes_are_refused_and_recorded_as_failures(string body, string reason)
    {
        var receiver = new PushgatewayReceiver(new PushgatewayStore());
        Assert.Equal(200, (await SendAsync(receiver, "PUT", "/metrics/job/j", "ok 1\n")).StatusCode);
        var response = await SendAsync(receiver, "PUT", "/metrics/job/j", body);
        Assert.Equal(400, response.StatusCode);
        Assert.Contains(reason, response.BodyText, StringComparison.Ordinal);
        var exposed = await ExposedAsync(receiver);
        Assert.Equal(1, exposed["{__name__=\"ok\", job=\"j\"}"]);
        Assert.True(exposed["{__name__=\"push_failure_time_seconds\", job=\"j\"}"] > 0);
    }

    [Fact]
    public async Task Groups_survive_a_restart_through_the_persistence_file()
    {
        var file = Path.Combine(_dir, "pushgateway.json");
        var receiver = new PushgatewayReceiver(new PushgatewayStore(file));
        await SendAsync(receiver, "PUT", "/metrics/job/j/instance/i", "# HELP m Some help.\n# TYPE m gauge\nm{x=\"a\\\"b\"} 1.5\n");
        await SendAsync(receiver, "PUT", "/metrics/job/k", "n 2\n");
        await SendAsync(receiver, "DELETE", "/metrics/job/k");
        Assert.False(File.Exists(file + ".tmp"));

        var restarted = new PushgatewayReceiver(new PushgatewayStore(file));
        var response = await SendAsync(restarted, "GET", "/pushgateway/metrics");
        Assert.Contains("# HELP m Some help.\n# TYPE m gauge\n", response.BodyText, StringComparison.Ordinal);
        var exposed = await ExposedAsync(restarted);
        Assert.Equal(1.5, exposed[LabelSet.FromPairs("__name__", "m", "x", "a\"b", "job", "j", "instance", "i").ToString()]);
        Assert.DoesNotContain(exposed.Keys, k => k.Contains("job=\"k\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Histogram_samples_stay_in_their_family_across_groups()
    {
        var receiver = new PushgatewayReceiver(new PushgatewayStore());
        const string histogram = "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n";
        await SendAsync(receiver, "PUT", "/metrics/job/a", histogram);
        await SendAsync(receiver, "PUT", "/metrics/job/b", histogram);
        var text = (await SendAsync(receiver, "GET", "/pushgateway/metrics")).BodyText;
        Assert.Single(text.Split('\n'), l => l == "# TYPE h histogram");
        Assert.Equal(2 + 1 + 1, ParseHelper.Samples(text, ExpositionFormat.PrometheusText).Count(s => s.Labels.Get("job") == "b" && s.Labels.MetricName.StartsWith('h')));
    }
}
