using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using IQueryable = Argus.Storage.IQueryable;

namespace Argus.Rules.Evaluation;

/// <summary>
/// What rules need from the rest of the server: the PromQL engine and the storage it reads, the
/// storage results are written to, and the external labels and URL templates may show. Shared by all
/// groups; every member must be thread-safe.
/// </summary>
public sealed record RuleEvaluationContext
{
    public required PromqlEngine Engine { get; init; }

    /// <summary>Where rule expressions read from.</summary>
    public required IQueryable Queryable { get; init; }

    /// <summary>Where recorded series, <c>ALERTS</c> and <c>ALERTS_FOR_STATE</c> are written.</summary>
    public required IAppendable Appendable { get; init; }

    /// <summary>The global <c>external_labels</c>, visible to templates as <c>$externalLabels</c>.</summary>
    public LabelSet ExternalLabels { get; init; } = LabelSet.Empty;

    /// <summary>The server's external URL (<c>$externalURL</c>, <c>externalURL</c>, generator URLs).</summary>
    public string ExternalUrl { get; init; } = string.Empty;

    /// <summary>The query offset of groups that do not set <c>query_offset</c> (global <c>rule_query_offset</c>).</summary>
    public TimeSpan DefaultQueryOffset { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
