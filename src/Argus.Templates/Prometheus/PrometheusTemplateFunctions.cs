using System.Net;
using Argus.Model.Time;
using Argus.Templates.Formatting;
using Argus.Templates.Functions;

namespace Argus.Templates.Prometheus;

/// <summary>
/// The functions Prometheus offers in alert annotations, labels and console templates (query access,
/// <c>humanize*</c>, label helpers, links). Create one set per evaluation context; the set is
/// thread-safe if the query delegate is.
/// </summary>
public static class PrometheusTemplateFunctions
{
    public static TemplateFunctions Create(PrometheusTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TemplateFunctions()
            .Add("query", 1, 1, args => RunQuery(options, TemplateArgs.String(args, 0)))
            .Add("first", 1, 1, args => Samples(args[0]) is { Count: > 0 } list
                ? list[0]
                : throw new InvalidOperationException("first() called on vector with no elements"))
            .Add("label", 2, 2, args => Sample(args[1]).Labels.TryGetValue(TemplateArgs.String(args, 0), out var v) ? v : string.Empty)
            .Add("value", 1, 1, args => Sample(args[0]).Value)
            .Add("strvalue", 1, 1, args => Sample(args[0]).Labels.TryGetValue("__value__", out var v) ? v : string.Empty)
            .Add("sortByLabel", 2, 2, args => SortByLabel(TemplateArgs.String(args, 0), Samples(args[1])))
            .Add("args", 0, -1, args => Enumerable.Range(0, args.Length).ToDictionary(i => "arg" + i, i => args[i]))
            .Add("reReplaceAll", 3, 3, args => TextFunctions.ReplaceAll(TemplateArgs.String(args, 0), TemplateArgs.String(args, 1), TemplateArgs.String(args, 2)))
            .Add("match", 2, 2, args => TextFunctions.Match(TemplateArgs.String(args, 0), TemplateArgs.String(args, 1)))
            .Add("safeHtml", 1, 1, args => TemplateArgs.String(args, 0))
            .Add("title", 1, 1, args => TextFunctions.Title(TemplateArgs.String(args, 0)))
            .Add("toUpper", 1, 1, args => TemplateArgs.String(args, 0).ToUpperInvariant())
            .Add("toLower", 1, 1, args => TemplateArgs.String(args, 0).ToLowerInvariant())
            .Add("graphLink", 1, 1, args => "/graph?g0.expr=" + GoEscapers.QueryEscape(TemplateArgs.String(args, 0)) + "&g0.tab=0")
            .Add("tableLink", 1, 1, args => "/graph?g0.expr=" + GoEscapers.QueryEscape(TemplateArgs.String(args, 0)) + "&g0.tab=1")
            .Add("humanize", 1, 1, args => Humanize.Number(TemplateArgs.Float(args, 0)))
            .Add("humanize1024", 1, 1, args => Humanize.Binary(TemplateArgs.Float(args, 0)))
            .Add("humanizeDuration", 1, 1, args => Humanize.Duration(TemplateArgs.Float(args, 0)))
            .Add("humanizePercentage", 1, 1, args => Humanize.Percentage(TemplateArgs.Float(args, 0)))
            .Add("humanizeTimestamp", 1, 1, args => Humanize.Timestamp(TemplateArgs.Float(args, 0)))
            .Add("toTime", 1, 1, args => Humanize.TimeFromSeconds(TemplateArgs.Float(args, 0)))
            .Add("toDuration", 1, 1, args => ToDuration(TemplateArgs.Float(args, 0)))
            .Add("parseDuration", 1, 1, args => ParseDuration(TemplateArgs.String(args, 0)))
            .Add("pathPrefix", 0, 0, _ => PathPrefix(options.ExternalUrl))
            .Add("externalURL", 0, 0, _ => options.ExternalUrl)
            .Add("stripPort", 1, 1, args => StripPort(TemplateArgs.String(args, 0)))
            .Add("stripDomain", 1, 1, args => StripDomain(TemplateArgs.String(args, 0)))
            .Add("now", 0, 0, _ => (options.Timestamp - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond)
            .Add("urlQueryEscape", 1, 1, args => GoEscapers.QueryEscape(TemplateArgs.String(args, 0)));
    }

    private static IReadOnlyList<QuerySample> RunQuery(PrometheusTemplateOptions options, string query)
    {
        if (options.Query is null)
        {
            throw new InvalidOperationException("no query engine available to templates");
        }
        return options.Query(query);
    }

    private static IReadOnlyList<QuerySample> Samples(object? value) => value switch
    {
        IReadOnlyList<QuerySample> list => list,
        IEnumerable<QuerySample> items => [.. items],
        null => [],
        _ => throw TemplateArgs.WrongType("template.queryResult", value),
    };

    private static QuerySample Sample(object? value) => value switch
    {
        QuerySample sample => sample,
        null => throw new InvalidOperationException("nil sample"),
        _ => throw TemplateArgs.WrongType("*template.sample", value),
    };

    private static List<QuerySample> SortByLabel(string label, IReadOnlyList<QuerySample> samples)
    {
        // OrderBy is stable, like Go's sort.Stable used by Prometheus.
        return [.. samples.OrderBy(s => s.Labels.TryGetValue(label, out var v) ? v : string.Empty, StringComparer.Ordinal)];
    }

    private static TimeSpan ToDuration(double seconds)
    {
        var nanos = seconds * 1e9;
        if (double.IsNaN(nanos) || nanos >= long.MaxValue || nanos <= long.MinValue)
        {
            return TimeSpan.FromTicks(double.IsNaN(nanos) || nanos > 0 ? long.MaxValue / 100 : long.MinValue / 100);
        }
        return TimeSpan.FromTicks((long)nanos / 100);
    }

    private static double ParseDuration(string text)
    {
        if (!PromDuration.TryParse(text, out var value, out var error))
        {
            throw new InvalidOperationException(error ?? $"not a valid duration string: {GoLiteral.Quote(text)}");
        }
        return value.Ticks / (double)TimeSpan.TicksPerSecond;
    }

    /// <summary>The path of the external URL, like Go's <c>url.URL.Path</c> (empty when there is none).</summary>
    private static string PathPrefix(string externalUrl)
    {
        var scheme = externalUrl.IndexOf("://", StringComparison.Ordinal);
        var slash = externalUrl.IndexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (slash < 0)
        {
            return string.Empty;
        }
        var end = externalUrl.IndexOfAny(['?', '#'], slash);
        return Uri.UnescapeDataString(end < 0 ? externalUrl[slash..] : externalUrl[slash..end]);
    }

    /// <summary>Go's <c>net.SplitHostPort</c>; false when the text has no port.</summary>
    private static bool TrySplitHostPort(string hostPort, out string host, out string port)
    {
        host = hostPort;
        port = string.Empty;
        var colon = hostPort.LastIndexOf(':');
        if (colon < 0)
        {
            return false;
        }
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 != colon)
            {
                return false;
            }
            host = hostPort[1..close];
        }
        else
        {
            host = hostPort[..colon];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                return false;
            }
        }
        port = hostPort[(colon + 1)..];
        return true;
    }

    private static string StripPort(string hostPort) => TrySplitHostPort(hostPort, out var host, out _) ? host : hostPort;

    private static string StripDomain(string hostPort)
    {
        if (!TrySplitHostPort(hostPort, out var host, out var port))
        {
            host = hostPort;
            port = string.Empty;
        }
        if (IPAddress.TryParse(host, out _) && (host.Contains(':', StringComparison.Ordinal) || host.Count(ch => ch == '.') == 3))
        {
            return hostPort;
        }
        host = host.Split('.')[0];
        if (port.Length > 0)
        {
            return host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        }
        return host;
    }
}
