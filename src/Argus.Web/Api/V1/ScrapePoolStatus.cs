using Argus.Model.Labels;

namespace Argus.Web.Api.V1;

/// <summary>The targets of one scrape pool (job) for <c>/api/v1/targets</c>: the active ones and the
/// discovered labels of those dropped by relabeling.</summary>
public sealed record ScrapePoolStatus(string Name, IReadOnlyList<TargetStatus> Active, IReadOnlyList<LabelSet> Dropped);
