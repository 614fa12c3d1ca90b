using Argus.Rules.Evaluation;
using Argus.Rules.Notifier;
using Microsoft.Extensions.Logging;

namespace Argus.Rules.Manager;

/// <summary>What every group loop of a <see cref="RuleManager"/> shares.</summary>
internal sealed record RuleManagerDependencies(
    RuleEvaluationContext Context,
    RuleManagerOptions Options,
    Action<IReadOnlyList<OutgoingAlert>> Send,
    TimeProvider Time,
    RuleManagerMetrics Metrics,
    ILogger Logger);
