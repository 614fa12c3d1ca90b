using System.Diagnostics;
using Argus.Model;
using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Rules.Format;
using Argus.Storage;
using Microsoft.Extensions.Logging;

namespace Argus.Rules.Evaluation;

/// <summary>
/// A loaded rule group. <see cref="Evaluate"/> runs its rules in file order, committing each rule's
/// output before the next rule runs so later rules see earlier results, and writes stale markers for
/// series a rule produced last time but not this time. Evaluations must not overlap (the manager's
/// loop is the only caller); the status members may be read from any thread.
/// </summary>
public sealed class RuleGroup
{
    private readonly RuleEvaluationContext _context;
    // Per rule: the series written at the last evaluation and the storage's ref for each, so that writing
    // the same series again (every active alert, every evaluation) skips the storage's label lookup.
    private readonly Dictionary<LabelSet, SeriesRef>[] _previousOutputs;
    private volatile GroupEvaluationStatus _status = new(null, TimeSpan.Zero);

    public RuleGroup(RuleGroupDefinition definition, TimeSpan defaultInterval, RuleEvaluationContext context)
    {
        Definition = definition;
        _context = context;
        Interval = definition.Interval ?? defaultInterval;
        QueryOffset = definition.QueryOffset ?? context.DefaultQueryOffset;
        Rules = [.. definition.Rules.Select(r => r.IsAlerting
            ? (Rule)new AlertingRule(r, definition.Labels)
            : new RecordingRule(r, definition.Labels))];
        _previousOutputs = [.. Rules.Select(_ => new Dictionary<LabelSet, SeriesRef>())];
    }

    public RuleGroupDefinition Definition { get; }

    public string Name => Definition.Name;

    public string File => Definition.File;

    public TimeSpan Interval { get; }

    public TimeSpan QueryOffset { get; }

    public int Limit => Definition.Limit;

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Start of the last evaluation; null before the first.</summary>
    public DateTimeOffset? LastEvaluation => _status.LastEvaluation;

    /// <summary>How long the last evaluation of the whole group took.</summary>
    public TimeSpan LastDuration => _status.Duration;

    /// <summary>Samples that could not be written at the last evaluation (out of order, duplicate, too old).</summary>
    public int LastRejectedSamples { get; private set; }

    /// <summary>Evaluates every rule at <paramref name="timestamp"/> and writes the results.</summary>
    public void Evaluate(DateTimeOffset timestamp)
    {
        var groupWatch = Stopwatch.StartNew();
        var writeTimeMs = (timestamp - QueryOffset).ToUnixTimeMilliseconds();
        var rejected = 0;
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            var ruleWatch = Stopwatch.StartNew();
            string? error = null;
            IReadOnlyList<RuleOutput>? outputs = null;
            try
            {
                outputs = rule.Evaluate(timestamp, QueryOffset, Limit, _context);
            }
            catch (Exception e) when (e is RuleEvaluationException or PromqlException)
            {
                error = e.Message;
                _context.Logger.LogWarning("rule group {Group}: evaluating rule {Rule} failed: {Error}", Name, rule.Name, e.Message);
            }
            if (outputs is not null)
            {
                try
                {
                    rejected += Write(i, outputs, writeTimeMs);
                }
                catch (StorageException e)
                {
                    error = "writing rule results failed: " + e.Message;
                    _context.Logger.LogWarning("rule group {Group}: {Error}", Name, error);
                }
            }
            rule.SetStatus(new RuleEvaluationStatus(error is null ? RuleHealth.Ok : RuleHealth.Err, error ?? string.Empty, timestamp, ruleWatch.Elapsed));
        }
        LastRejectedSamples = rejected;
        _status = new GroupEvaluationStatus(timestamp, groupWatch.Elapsed);
    }

    /// <summary>Writes stale markers for everything the group's rules wrote at their last evaluation
    /// (the group was removed, or the server is stopping a group for good).</summary>
    public void MarkAllStale(DateTimeOffset timestamp)
    {
        var appender = _context.Appendable.CreateAppender();
        var timeMs = (timestamp - QueryOffset).ToUnixTimeMilliseconds();
        foreach (var series in _previousOutputs)
        {
            foreach (var (labels, written) in series)
            {
                var reference = written;
                appender.Append(ref reference, labels, timeMs, StaleNaN.Value);
            }
            series.Clear();
        }
        appender.Commit();
    }

    /// <summary>
    /// Takes over alert state and the series last written by each rule that is the same in
    /// <paramref name="previous"/> (same position not required: matched by name and definition), so a
    /// reload neither resets <c>for</c> timers nor loses stale markers. Returns how many rules kept state.
    /// </summary>
    public int KeepStateOf(RuleGroup previous)
    {
        var kept = 0;
        var used = new bool[previous.Rules.Count];
        for (var i = 0; i < Rules.Count; i++)
        {
            for (var j = 0; j < previous.Rules.Count; j++)
            {
                if (used[j] || !Rules[i].SameDefinitionAs(previous.Rules[j]))
                {
                    continue;
                }
                used[j] = true;
                if (Rules[i] is AlertingRule alerting && previous.Rules[j] is AlertingRule old)
                {
                    alerting.KeepStateOf(old);
                }
                Rules[i].SetStatus(previous.Rules[j].Status);
                // The previous group may have written to another storage: keep the series, not the refs.
                _previousOutputs[i] = previous._previousOutputs[j].ToDictionary(kv => kv.Key, _ => SeriesRef.None);
                kept++;
                break;
            }
        }
        _status = previous._status;
        return kept;
    }

    private int Write(int ruleIndex, IReadOnlyList<RuleOutput> outputs, long timeMs)
    {
        var appender = _context.Appendable.CreateAppender();
        var previous = _previousOutputs[ruleIndex];
        var current = new Dictionary<LabelSet, SeriesRef>(outputs.Count);
        var rejected = 0;
        foreach (var output in outputs)
        {
            previous.TryGetValue(output.Labels, out var reference);
            var status = output.Histogram is { } histogram
                ? appender.AppendHistogram(ref reference, output.Labels, timeMs, histogram)
                : appender.Append(ref reference, output.Labels, timeMs, output.Value);
            if (status != AppendStatus.Ok)
            {
                rejected++;
            }
            current[output.Labels] = reference;
        }
        foreach (var (labels, written) in previous)
        {
            if (!current.ContainsKey(labels))
            {
                var reference = written;
                appender.Append(ref reference, labels, timeMs, StaleNaN.Value);
            }
        }
        appender.Commit();
        _previousOutputs[ruleIndex] = current;
        return rejected;
    }

    private sealed record GroupEvaluationStatus(DateTimeOffset? LastEvaluation, TimeSpan Duration);
}
