namespace Argus.Rules.UnitTesting;

/// <summary>An <c>alert_rule_test</c>: the firing alerts named <see cref="AlertName"/> expected at <see cref="EvalTime"/>.</summary>
public sealed record AlertTestCase(TimeSpan EvalTime, string AlertName, IReadOnlyList<ExpectedAlert> ExpectedAlerts);
