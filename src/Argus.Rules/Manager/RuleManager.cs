using Argus.Instrumentation.Metrics;
using Argus.PromQL.Engine;
using Argus.Rules.Evaluation;
using Argus.Rules.Format;
using Argus.Rules.Notifier;
using Argus.Storage;
using Microsoft.Extensions.Logging;
using IQueryable = Argus.Storage.IQueryable;

namespace Argus.Rules.Manager;

/// <summary>
/// Runs the rule groups of the configured rule files, each on its own aligned schedule. A reload
/// (<see cref="UpdateAsync"/>) loads every file first and changes nothing if any is invalid; otherwise
/// it replaces the groups, carrying alert state and stale-marker bookkeeping over to rules that did
/// not change, and writes stale markers for groups that disappeared. Groups loaded at startup restore
/// their alerts' <c>for</c> state from <c>ALERTS_FOR_STATE</c>. After each evaluation the alerts due
/// are handed to the <c>send</c> delegate (the notifier). Lifecycle calls must not overlap; the
/// <see cref="Groups"/> view may be read from any thread.
/// </summary>
public sealed class RuleManager(
    PromqlEngine engine,
    IQueryable queryable,
    IAppendable appendable,
    RuleManagerOptions options,
    Action<IReadOnlyList<OutgoingAlert>> send,
    MetricsRegistry registry,
    ILogger logger,
    TimeProvider? time = null)
{
    private readonly RuleManagerMetrics _metrics = new(registry);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private volatile IReadOnlyList<GroupRunner> _runners = [];
    private bool _loadedOnce;

    /// <summary>The groups running now, in file order.</summary>
    public IReadOnlyList<RuleGroup> Groups => [.. _runners.Select(r => r.Group)];

    /// <summary>
    /// Loads <paramref name="files"/> and runs their groups; returns every problem found (and changes
    /// nothing) when a file is invalid, or an empty list.
    /// </summary>
    public async Task<IReadOnlyList<string>> UpdateAsync(IReadOnlyList<string> files, RuleManagerSettings settings)
    {
        var definitions = new List<RuleGroupDefinition>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            var parsed = RuleFileParser.ParseFile(file);
            errors.AddRange(parsed.Errors);
            definitions.AddRange(parsed.Groups);
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var context = new RuleEvaluationContext
        {
            Engine = engine,
            Queryable = queryable,
            Appendable = appendable,
            ExternalLabels = settings.ExternalLabels,
            ExternalUrl = settings.ExternalUrl,
            DefaultQueryOffset = settings.QueryOffset,
            Logger = logger,
        };
        var groups = definitions.Select(d => new RuleGroup(d, settings.EvaluationInterval, context)).ToList();

        var old = _runners;
        foreach (var runner in old)
        {
            await runner.StopAsync().ConfigureAwait(false);
        }
        var oldByKey = old.ToDictionary(r => (r.Group.File, r.Group.Name));
        foreach (var group in groups)
        {
            if (oldByKey.Remove((group.File, group.Name), out var previous))
            {
                group.KeepStateOf(previous.Group);
            }
            else if (!_loadedOnce)
            {
                foreach (var rule in group.Rules.OfType<AlertingRule>())
                {
                    rule.Restored = false;
                }
            }
        }
        var now = _time.GetUtcNow();
        foreach (var removed in oldByKey.Values)
        {
            try
            {
                removed.Group.MarkAllStale(now);
            }
            catch (StorageException e)
            {
                logger.LogWarning("rule group {Group}: writing stale markers failed: {Error}", removed.Group.Name, e.Message);
            }
            _metrics.Forget(removed.MetricKey);
        }
        var dependencies = new RuleManagerDependencies(context, options, send, _time, _metrics, logger);
        var runners = groups.Select(g => new GroupRunner(g, dependencies)).ToList();
        foreach (var runner in runners)
        {
            runner.Start();
        }
        _runners = runners;
        _loadedOnce = true;
        logger.LogInformation("rule manager: running {Groups} group(s) with {Rules} rule(s) from {Files} file(s)", groups.Count, groups.Sum(g => g.Rules.Count), files.Count);
        return [];
    }

    /// <summary>Stops every group loop (after its evaluation in progress).</summary>
    public async Task StopAsync()
    {
        var runners = _runners;
        _runners = [];
        foreach (var runner in runners)
        {
            await runner.StopAsync().ConfigureAwait(false);
        }
    }
}
