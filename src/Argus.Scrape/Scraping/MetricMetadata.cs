namespace Argus.Scrape.Scraping;

/// <summary>
/// What a target said about one metric family in its <c># TYPE</c>, <c># HELP</c> and <c># UNIT</c> lines,
/// as <c>/api/v1/metadata</c> and <c>/api/v1/targets/metadata</c> show it.
/// </summary>
/// <param name="Metric">The family name as written in the metadata lines (for OpenMetrics counters without
/// <c>_total</c>, e.g. <c>requests</c> for samples named <c>requests_total</c>).</param>
/// <param name="Type">Prometheus' name of the type: <c>counter</c>, <c>gauge</c>, <c>histogram</c>,
/// <c>gaugehistogram</c>, <c>summary</c>, <c>info</c>, <c>stateset</c> or <c>unknown</c> (also for the text
/// format's <c>untyped</c> and for families with HELP or UNIT but no TYPE).</param>
/// <param name="Help">The unescaped help text, empty when none was given.</param>
/// <param name="Unit">The OpenMetrics unit, empty when none was given.</param>
public sealed record MetricMetadata(string Metric, string Type, string Help, string Unit);
