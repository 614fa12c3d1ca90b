using Argus.Templates.Prometheus;

namespace Argus.Templates.Tests;

/// <summary>Prometheus' template functions, with outputs as Prometheus renders them.</summary>
public sealed class PrometheusFunctionsTests
{
    private static readonly IReadOnlyList<QuerySample> QueryResult =
    [
        new(new Dictionary<string, string> { ["instance"] = "b:9100", ["job"] = "node" }, 2),
        new(new Dictionary<string, string> { ["instance"] = "a:9100", ["job"] = "node" }, 1.5),
    ];

    private static readonly TemplateFunctions Functions = PrometheusTemplateFunctions.Create(new PrometheusTemplateOptions
    {
        Query = q => q == "up" ? QueryResult : q == "none" ? [] : throw new InvalidOperationException("parse error: " + q),
        ExternalUrl = "https://prom.example.com/prometheus",
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
    });

    public static TheoryData<string, string> Cases => new()
    {
        { "{{ humanize 1234567 }}", "1.235M" },
        { "{{ humanize 0.0012 }}", "1.2m" },
        { "{{ humanize 0 }} {{ humanize 999 }} {{ humanize 1000 }} {{ humanize -1500 }}", "0 999 1k -1.5k" },
        { "{{ humanize \"12345\" }} {{ humanize 1e30 }}", "12.35k 1e+06Y" },
        { "{{ humanize1024 1048576 }} {{ humanize1024 1 }} {{ humanize1024 1536 }}", "1Mi 1 1.5ki" },
        { "{{ humanizeDuration 3661 }} {{ humanizeDuration 90061 }} {{ humanizeDuration 61 }}", "1h 1m 1s 1d 1h 1m 1s 1m 1s" },
        { "{{ humanizeDuration 1.5 }} {{ humanizeDuration 0.0015 }} {{ humanizeDuration 0 }} {{ humanizeDuration -65 }}", "1.5s 1.5ms 0s -1m 5s" },
        { "{{ humanizePercentage 0.1234 }} {{ humanizePercentage 1 }}", "12.34% 100%" },
        { "{{ humanizeTimestamp 1435065584.128 }}", "2015-06-23 13:19:44.128 +0000 UTC" },
        { "{{ toTime 1435065584 }}", "2015-06-23 13:19:44 +0000 UTC" },
        { "{{ toDuration 90.5 }} {{ parseDuration \"1h30m\" }}", "1m30.5s 5400" },
        { "{{ query \"up\" | len }} {{ with query \"up\" }}{{ . | first | value }}{{ end }}", "2 2" },
        { "{{ range query \"up\" | sortByLabel \"instance\" }}{{ .Labels.instance }}={{ .Value }} {{ end }}", "a:9100=1.5 b:9100=2 " },
        { "{{ with query \"up\" }}{{ label \"job\" (first .) }}{{ end }}", "node" },
        { "{{ reReplaceAll \"(a+)b\" \"[$1]\" \"xaab aab\" }} {{ reReplaceAll \"(?P<n>\\\\d+)\" \"<${n}>\" \"v1 v22\" }}", "x[aa] [aa] v<1> v<22>" },
        { "{{ match \"^a.c$\" \"abc\" }} {{ match \"b\" \"abc\" }} {{ match \"^x\" \"abc\" }}", "true true false" },
        { "{{ title \"hello wide world\" }} {{ toUpper \"abc\" }} {{ toLower \"ABC\" }}", "Hello Wide World ABC abc" },
        { "{{ stripPort \"host.example:9100\" }} {{ stripPort \"[::1]:80\" }} {{ stripPort \"plain\" }}", "host.example ::1 plain" },
        { "{{ stripDomain \"node1.example.com:9100\" }} {{ stripDomain \"10.0.0.1:9100\" }} {{ stripDomain \"node2.dc\" }}", "node1:9100 10.0.0.1:9100 node2" },
        { "{{ externalURL }} {{ pathPrefix }}", "https://prom.example.com/prometheus /prometheus" },
        { "{{ graphLink \"rate(x[5m])\" }} {{ tableLink \"up\" }}", "/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=0 /graph?g0.expr=up&g0.tab=1" },
        { "{{ now }} {{ urlQueryEscape \"a b\" }} {{ safeHtml \"<b>\" }}", "1.7e+09 a+b <b>" },
        { "{{ define \"x\" }}{{ .arg0 }}-{{ .arg1 }}{{ end }}{{ template \"x\" (args 1 \"two\") }}", "1-two" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renders_like_prometheus(string template, string expected)
    {
        Assert.Equal(expected, GoTemplate.Parse("p", template, Functions).Execute(null));
    }

    [Fact]
    public void Query_errors_and_empty_vectors_fail_execution()
    {
        var e = Assert.Throws<TemplateExecutionException>(() => GoTemplate.Parse("p", "{{ query \"bad(\" }}", Functions).Execute(null));
        Assert.Contains("error calling query: parse error: bad(", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<TemplateExecutionException>(() => GoTemplate.Parse("p", "{{ query \"none\" | first }}", Functions).Execute(null));
        Assert.Contains("first() called on vector with no elements", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<TemplateExecutionException>(() => GoTemplate.Parse("p", "{{ humanize \"abc\" }}", Functions).Execute(null));
        Assert.EndsWith("error calling humanize: strconv.ParseFloat: parsing \"abc\": invalid syntax", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Alert_templates_see_labels_value_and_external_url()
    {
        var data = new AlertTemplateData(
            new Dictionary<string, string> { ["instance"] = "10.0.0.1:9100", ["job"] = "node" },
            new Dictionary<string, string> { ["cluster"] = "eu1" },
            "http://prom:9090",
            1e6);
        var text = "{{ $labels.instance }} of {{ $labels.job }} in {{ $externalLabels.cluster }} is at {{ $value }} ({{ humanize $value }}); missing={{ $labels.nope }}; {{ $externalURL }}";
        Assert.Equal(
            "10.0.0.1:9100 of node in eu1 is at 1e+06 (1M); missing=<no value>; http://prom:9090",
            AlertTemplateExpander.ExpandOrError("HighLoad", text, data, Functions));
        Assert.Equal(
            "<error expanding template: error parsing template __alert_HighLoad: template: __alert_HighLoad:1: function \"nosuch\" not defined>",
            AlertTemplateExpander.ExpandOrError("HighLoad", "{{ nosuch }}", data, Functions));
        Assert.False(AlertTemplateExpander.TryExpand("HighLoad", "{{ $labels.instance.x }}", data, Functions, out _, out var error));
        Assert.StartsWith("error executing template __alert_HighLoad: template: __alert_HighLoad:1:", error, StringComparison.Ordinal);
    }
}
