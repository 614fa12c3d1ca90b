using Argus.Model.Labels;

namespace Argus.Rules.UnitTesting;

/// <summary>One entry of <c>tests:</c>: input series and the alert and expression checks made on them.</summary>
public sealed record RuleTestGroup
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Spacing of the input samples; null means the file's evaluation interval.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The time of the first sample and evaluation (default the Unix epoch).</summary>
    public DateTimeOffset StartTime { get; init; } = DateTimeOffset.UnixEpoch;

    public IReadOnlyList<InputSeries> InputSeries { get; init; } = [];

    public IReadOnlyList<AlertTestCase> AlertTests { get; init; } = [];

    public IReadOnlyList<PromqlTestCase> PromqlTests { get; init; } = [];

    /// <summary>Visible to templates as <c>$externalLabels</c>.</summary>
    public LabelSet ExternalLabels { get; init; } = LabelSet.Empty;

    /// <summary>Visible to templates as <c>$externalURL</c>.</summary>
    public string ExternalUrl { get; init; } = string.Empty;
}
