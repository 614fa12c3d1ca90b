using Argus.Model.Labels;
using Argus.Scrape.Scraping;

namespace Argus.Web.Api.V1;

/// <summary>One active target's labels and the metric metadata of its last successful scrape, for
/// <c>/api/v1/metadata</c> and <c>/api/v1/targets/metadata</c>.</summary>
public sealed record TargetMetadataStatus(LabelSet Labels, IReadOnlyList<MetricMetadata> Metadata);
