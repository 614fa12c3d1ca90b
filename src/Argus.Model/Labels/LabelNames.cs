namespace Argus.Model.Labels;

/// <summary>Reserved label names and the validity rules Prometheus applies to names and values.</summary>
public static class LabelNames
{
    public const string MetricName = "__name__";
    public const string Address = "__address__";
    public const string Scheme = "__scheme__";
    public const string MetricsPath = "__metrics_path__";
    public const string ScrapeInterval = "__scrape_interval__";
    public const string ScrapeTimeout = "__scrape_timeout__";
    public const string ParamPrefix = "__param_";
    public const string MetaPrefix = "__meta_";
    public const string TmpPrefix = "__tmp_";
    public const string ReservedPrefix = "__";
    public const string Instance = "instance";
    public const string Job = "job";
    public const string BucketBound = "le";
    public const string Quantile = "quantile";
    public const string AlertName = "alertname";

    /// <summary>
    /// Legacy (pre-UTF-8) label name rule: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>. Prometheus 3 accepts any
    /// UTF-8 name under the "utf8" validation scheme; config files and relabel targets still use this.
    /// </summary>
    public static bool IsValidLegacyName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>UTF-8 validation scheme (Prometheus 3 default): any non-empty valid Unicode string.</summary>
    public static bool IsValidUtf8Name(ReadOnlySpan<char> name) => !name.IsEmpty && IsValidUnicode(name);

    /// <summary>Metric name rule: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidLegacyMetricName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Label values may be any valid Unicode (no unpaired surrogates).</summary>
    public static bool IsValidValue(ReadOnlySpan<char> value) => IsValidUnicode(value);

    private static bool IsValidUnicode(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }
        return true;
    }
}
