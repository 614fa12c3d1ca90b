namespace Argus.Scrape.Parsing;

/// <summary>The text exposition formats Argus can parse.</summary>
public enum ExpositionFormat : byte
{
    /// <summary>Prometheus text format 0.0.4 (and 1.0.0, which only adds quoted UTF-8 names).</summary>
    PrometheusText,

    /// <summary>OpenMetrics 1.0 text: stricter syntax, <c># EOF</c> required, float-second timestamps, exemplars.</summary>
    OpenMetrics,
}
