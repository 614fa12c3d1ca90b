using System.Text.Json;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Web.Tests;

public class LoggingTests
{
    private static readonly DateTimeOffset FixedTime = new(2024, 5, 1, 10, 0, 0, 123, TimeSpan.Zero);

    private sealed class FixedTimeProvider : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => FixedTime;
    }

    private static (ArgusLoggerProvider Provider, StringWriter Output) Create(LogLevel level, LogFormat format)
    {
        var output = new StringWriter();
        return (new ArgusLoggerProvider(level, format, output, new FixedTimeProvider()), output);
    }

    [Fact]
    public void Logfmt_lines_carry_time_level_component_message_and_fields()
    {
        var (provider, output) = Create(LogLevel.Information, LogFormat.Logfmt);
        provider.CreateLogger("Argus.Tsdb.Head").LogInformation("Replayed {segments} WAL segments from {dir}", 3, "/data/my wal");
        Assert.Equal("ts=2024-05-01T10:00:00.123Z level=info component=tsdb msg=\"Replayed 3 WAL segments from /data/my wal\" segments=3 dir=\"/data/my wal\"\n",
            output.ToString());
    }

    [Fact]
    public void Logfmt_quotes_and_escapes_values_that_need_it()
    {
        var (provider, output) = Create(LogLevel.Debug, LogFormat.Logfmt);
        provider.CreateLogger("web").LogWarning(new InvalidOperationException("outer", new IOException("inner")),
            "x {a} {b} {c}", "has \"quote\"", "a=b", "");
        Assert.Equal("ts=2024-05-01T10:00:00.123Z level=warn component=web msg=\"x has \\\"quote\\\" a=b \" a=\"has \\\"quote\\\"\" b=\"a=b\" c=\"\" err=\"outer: inner\"\n",
            output.ToString());
    }

    [Fact]
    public void Field_keys_are_written_in_snake_case_as_Prometheus_writes_them()
    {
        var (provider, output) = Create(LogLevel.Information, LogFormat.Logfmt);
        provider.CreateLogger("Argus.Tsdb.Head").LogInformation("{Milliseconds} {WalSegments} {HTTPServer} {series} {Retry2Count}", 14, 2, "a", 3, 4);
        Assert.EndsWith(" milliseconds=14 wal_segments=2 http_server=a series=3 retry2_count=4\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_keep_numbers_and_strings_apart()
    {
        var (provider, output) = Create(LogLevel.Information, LogFormat.Json);
        provider.CreateLogger("scrape manager").LogError("Scrape of {target} failed after {seconds}s, retry={retry}", "http://a:1/metrics", 1.5, true);
        using var doc = JsonDocument.Parse(output.ToString());
        var root = doc.RootElement;
        Assert.Equal("2024-05-01T10:00:00.123Z", root.GetProperty("ts").GetString());
        Assert.Equal("error", root.GetProperty("level").GetString());
        Assert.Equal("scrape manager", root.GetProperty("component").GetString());
        Assert.Equal("Scrape of http://a:1/metrics failed after 1.5s, retry=True", root.GetProperty("msg").GetString());
        Assert.Equal(1.5, root.GetProperty("seconds").GetDouble());
        Assert.True(root.GetProperty("retry").GetBoolean());
        Assert.EndsWith("}\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_below_the_minimum_are_dropped()
    {
        var (provider, output) = Create(LogLevel.Warning, LogFormat.Logfmt);
        var logger = provider.CreateLogger("Argus.Rules");
        logger.LogInformation("hidden");
        logger.LogDebug("hidden");
        logger.LogWarning("shown");
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("msg=shown", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Framework_information_logs_are_hidden_unless_debugging()
    {
        var (info, _) = Create(LogLevel.Information, LogFormat.Logfmt);
        Assert.False(info.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(info.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Warning));
        var (debug, _) = Create(LogLevel.Debug, LogFormat.Logfmt);
        Assert.True(debug.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    [Theory]
    [InlineData("Argus.Web.Hosting.ArgusWebHost", "web")]
    [InlineData("Argus.Tsdb", "tsdb")]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel", "web")]
    [InlineData("Microsoft.Hosting.Lifetime", "host")]
    [InlineData("rule manager", "rule manager")]
    [InlineData("Some.Other.Category", "Some.Other.Category")]
    public void Components_are_derived_from_categories(string category, string component)
    {
        Assert.Equal(component, LogComponent.FromCategory(category));
    }

    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("warn", LogLevel.Warning)]
    [InlineData("error", LogLevel.Error)]
    public void Prometheus_level_names_parse(string text, LogLevel level)
    {
        Assert.True(LogSettings.TryParseLevel(text, out var parsed));
        Assert.Equal(level, parsed);
        Assert.Equal(text, LogSettings.LevelName(level));
    }

    [Fact]
    public void Unknown_level_and_format_names_are_rejected()
    {
        Assert.False(LogSettings.TryParseLevel("verbose", out _));
        Assert.False(LogSettings.TryParseFormat("xml", out _));
        Assert.True(LogSettings.TryParseFormat("json", out var format));
        Assert.Equal(LogFormat.Json, format);
    }
}
