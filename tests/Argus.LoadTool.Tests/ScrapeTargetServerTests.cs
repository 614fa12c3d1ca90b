using System.Text.Json;
using Argus.LoadTool.Data;
using Argus.LoadTool.Scrape;

namespace Argus.LoadTool.Tests;

public sealed class ScrapeTargetServerTests
{
    [Fact]
    public async Task Serves_each_instance_as_a_target_and_lists_them_for_http_service_discovery()
    {
        await using var server = new ScrapeTargetServer("127.0.0.1:0", 3, 15_000, 42);
        await server.StartAsync(CancellationToken.None);
        using var http = new HttpClient();

        var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri(server.Address + "/targets")));
        var metrics = await http.GetStringAsync(new Uri(server.Address + "/targets/2/metrics"));
        var missing = await http.GetAsync(new Uri(server.Address + "/targets/3/metrics"));

        Assert.Equal(3, discovery.RootElement.GetArrayLength());
        var labels = discovery.RootElement[2].GetProperty("labels");
        Assert.Equal("/targets/2/metrics", labels.GetProperty("__metrics_path__").GetString());
        Assert.Equal("host-00002:9100", labels.GetProperty("instance").GetString());
        var lines = metrics.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(NodeLikeDataSet.SeriesPerInstance, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} ", StringComparison.Ordinal));
        Assert.DoesNotContain("instance=", metrics, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
