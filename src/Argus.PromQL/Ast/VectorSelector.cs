using Argus.Model.Labels;

namespace Argus.PromQL.Ast;

/// <summary>An instant vector selector such as <c>http_requests_total{job="api"} offset 5m</c>.</summary>
public sealed class VectorSelector(string? name, IReadOnlyList<LabelMatcher> matchers) : Expr
{
    /// <summary>The metric name written before the braces, or null.</summary>
    public string? Name { get; } = name;

    /// <summary>All matchers, including the implicit <c>__name__</c> one when a name is written.</summary>
    public IReadOnlyList<LabelMatcher> Matchers { get; } = matchers;

    /// <summary>True when the name was written as a quoted string inside the braces (<c>{"my.metric"}</c>);
    /// its matcher then sits among the others where it was written.</summary>
    public bool NameInBraces { get; init; }

    public TimeModifiers Modifiers { get; set; }

    public override PromValueType Type => PromValueType.Vector;

    public override IEnumerable<Expr> Children => [];
}
