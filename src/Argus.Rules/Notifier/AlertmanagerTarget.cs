using Argus.Model.Labels;

namespace Argus.Rules.Notifier;

/// <summary>One Alertmanager of a set: where alerts are posted, and the labels it was built from (after
/// relabeling for active ones, before it for dropped ones).</summary>
public sealed record AlertmanagerTarget(Uri Url, LabelSet Labels);
