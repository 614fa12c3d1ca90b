using Argus.Model.Labels;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Scraping;

/// <summary>
/// Everything one scrape loop needs to know about its target, already resolved from the scrape config
/// and the target's labels. Immutable; two equal options mean the loop can keep running across a reload.
/// </summary>
public sealed record ScrapeTargetOptions
{
    /// <summary>The target's final labels (job, instance and any others kept by relabeling), attached to every sample.</summary>
    public required LabelSet TargetLabels { get; init; }

    public string Scheme { get; init; } = "http";

    /// <summary><c>host:port</c>.</summary>
    public required string Address { get; init; }

    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>URL query parameters (<c>params</c> and <c>__param_*</c>), each name with one or more values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Params { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool HonorLabels { get; init; }

    public bool HonorTimestamps { get; init; } = true;

    public bool TrackTimestampsStaleness { get; init; }

    /// <summary>Largest accepted (uncompressed) body in bytes; 0 means unlimited.</summary>
    public long BodySizeLimit { get; init; }

    /// <summary>Most samples accepted after metric relabeling; 0 means unlimited.</summary>
    public int SampleLimit { get; init; }

    public int LabelLimit { get; init; }

    public int LabelNameLengthLimit { get; init; }

    public int LabelValueLengthLimit { get; init; }

    public BasicAuthOptions? BasicAuth { get; init; }

    public AuthorizationOptions? Authorization { get; init; }

    public TlsOptions? Tls { get; init; }

    /// <summary>Proxy to scrape through. Without it no proxy is used, whatever the environment says.</summary>
    public Uri? ProxyUrl { get; init; }

    public IReadOnlyList<ScrapeProtocol> ScrapeProtocols { get; init; } = ScrapeContentNegotiation.DefaultProtocols;

    public ScrapeProtocol? FallbackScrapeProtocol { get; init; }

    /// <summary>Whether to ask for gzip (<c>enable_compression</c>).</summary>
    public bool EnableCompression { get; init; } = true;

    /// <summary>Metric relabeling: returns the new labels of a scraped series, or null to drop it. Called once
    /// per new series (the result is cached), never per sample.</summary>
    public Func<LabelSet, LabelSet?>? MetricRelabel { get; init; }

    /// <summary>The URL scraped.</summary>
    public Uri Url
    {
        get
        {
            var builder = new UriBuilder($"{Scheme}://{Address}") { Path = MetricsPath };
            if (Params.Count > 0)
            {
                builder.Query = string.Join('&', Params.SelectMany(p => p.Value.Select(v =>
                    Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v))));
            }
            return builder.Uri;
        }
    }
}
