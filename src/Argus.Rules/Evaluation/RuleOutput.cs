using Argus.Model.Labels;

namespace Argus.Rules.Evaluation;

/// <summary>One sample a rule writes at the evaluation's (offset) timestamp: a recorded series, or an
/// <c>ALERTS</c>/<c>ALERTS_FOR_STATE</c> sample.</summary>
public readonly record struct RuleOutput(LabelSet Labels, double Value);
