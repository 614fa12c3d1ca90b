namespace Argus.Rules.UnitTesting;

/// <summary>A <c>promql_expr_test</c>: the samples <see cref="Expr"/> should return at <see cref="EvalTime"/>.</summary>
public sealed record PromqlTestCase(string Expr, TimeSpan EvalTime, IReadOnlyList<ExpectedSample> ExpectedSamples);
