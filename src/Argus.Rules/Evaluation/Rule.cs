using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.PromQL.Engine;
using Argus.PromQL.Parser;
using Argus.Rules.Format;

namespace Argus.Rules.Evaluation;

/// <summary>
/// A loaded rule: its definition, parsed expression and effective labels (the group's labels with the
/// rule's own winning), plus the status of its last evaluation. Evaluated only by its group's loop;
/// <see cref="Status"/> may be read from any thread.
/// </summary>
public abstract class Rule
{
    private volatile RuleEvaluationStatus _status = RuleEvaluationStatus.NotYetEvaluated;

    protected Rule(RuleDefinition definition, IReadOnlyList<KeyValuePair<string, string>> groupLabels)
    {
        Definition = definition;
        try
        {
            Expression = PromqlParser.Parse(definition.Expr);
        }
        catch (PromqlParseException e)
        {
            throw new ArgumentException($"rule {definition.Name}: invalid expression: {e.Message}", nameof(definition), e);
        }
        var labels = new LabelSetBuilder();
        foreach (var (name, value) in groupLabels)
        {
            labels.Set(name, value);
        }
        foreach (var (name, value) in definition.Labels)
        {
            labels.Set(name, value);
        }
        Labels = labels.Build();
    }

    public RuleDefinition Definition { get; }

    public string Name => Definition.Name;

    /// <summary>The expression, printed as Prometheus shows it in <c>/api/v1/rules</c>.</summary>
    public string Query => AstPrinter.Print(Expression);

    /// <summary>The rule's labels after merging in the group's (templates, for alerting rules).</summary>
    public LabelSet Labels { get; }

    public RuleEvaluationStatus Status => _status;

    protected Expr Expression { get; }

    /// <summary>
    /// Evaluates the rule at <paramref name="timestamp"/>, querying at timestamp − <paramref name="queryOffset"/>,
    /// and returns the samples to write there. Throws <see cref="RuleEvaluationException"/> or
    /// <see cref="PromqlException"/> on failure; <paramref name="limit"/> &gt; 0 caps the output.
    /// </summary>
    public abstract IReadOnlyList<RuleOutput> Evaluate(DateTimeOffset timestamp, TimeSpan queryOffset, int limit, RuleEvaluationContext context);

    /// <summary>True when <paramref name="other"/> would behave identically (the reload test for keeping state).</summary>
    public bool SameDefinitionAs(Rule other) =>
        GetType() == other.GetType()
        && Definition.Name == other.Definition.Name
        && Definition.Expr == other.Definition.Expr
        && Definition.For == other.Definition.For
        && Definition.KeepFiringFor == other.Definition.KeepFiringFor
        && Labels == other.Labels
        && Definition.Annotations.SequenceEqual(other.Definition.Annotations);

    internal void SetStatus(RuleEvaluationStatus status) => _status = status;

    /// <summary>Runs <paramref name="expr"/> at <paramref name="timeMs"/> as a rule query: a scalar
    /// becomes one sample without labels; strings and matrices are errors.</summary>
    protected static IReadOnlyList<VectorSample> QueryVector(RuleEvaluationContext context, Expr expr, long timeMs)
    {
        var result = context.Engine.Evaluate(context.Queryable, expr, timeMs);
        return result.Type switch
        {
            PromValueType.Vector => result.Vector,
            PromValueType.Scalar => [new VectorSample(LabelSet.Empty, result.T, result.Scalar)],
            _ => throw new RuleEvaluationException("rule result is not a vector or scalar"),
        };
    }
}
