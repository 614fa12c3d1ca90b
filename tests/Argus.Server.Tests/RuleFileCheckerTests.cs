using Argus.Server.Check;

namespace Argus.Server.Tests;

public class RuleFileCheckerTests
{
    private static RuleCheckResult Check(string yaml) => RuleFileChecker.Check(yaml, "r.yml");

    [Fact]
    public void Every_group_and_rule_field_is_accepted()
    {
        var result = Check("""
            groups:
              - name: g
                interval: 1m
                limit: 10
                query_offset: 30s
                labels: { team: db }
                rules:
                  - alert: A
                    expr: up == 0
                    for: 1m
                    keep_firing_for: 5m
                    labels: { severity: warn }
                    annotations: { summary: x }
                  - record: r:total
                    expr: sum(x)
                    labels: { a: b }
              - name: empty
            """);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.RuleCount);
    }

    [Fact]
    public void An_empty_file_is_valid_with_no_rules()
    {
        Assert.True(Check("").IsValid);
        Assert.True(Check("groups:\n").IsValid);
    }

    [Theory]
    [InlineData("groupz: []", "r.yml:1:1: field groupz not found in rule file")]
    [InlineData("groups:\n  - name: g\n    intervall: 1m", "r.yml:3:5: field intervall not found in rule group")]
    [InlineData("groups:\n  - rules: []", "r.yml:2:5: rule group has no \"name\"")]
    [InlineData("groups:\n  - name: g\n  - name: g", "r.yml:3:11: groupname: \"g\" is repeated in the same file")]
    [InlineData("groups:\n  - name: g\n    interval: 1x", "r.yml:3:15: invalid \"interval\"")]
    [InlineData("groups:\n  - name: g\n    limit: many", "r.yml:3:12: \"limit\" must be a non-negative integer")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - expr: x", "r.yml:4:9: one of 'record' or 'alert' must be set")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - record: a\n        alert: b\n        expr: x", "only one of 'record' and 'alert' must be set")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - alert: a", "field 'expr' must be set in rule")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - record: a\n        expr: x\n        for: 1m", "r.yml:6:9: invalid field 'for' in recording rule")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - record: a\n        expr: x\n        annotations: {a: b}", "invalid field 'annotations' in recording rule")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - record: 'a{b=\"c\"}'\n        expr: x", "braces present in the recording rule name")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - alert: a\n        expr: x\n        labels: {'__name__': b}", "r.yml:6:18: invalid label name: __name__")]
    [InlineData("groups:\n  - name: g\n    rules:\n      - alert: a\n        expr: x\n        keep_firing_for: soon", "invalid \"keep_firing_for\"")]
    [InlineData("groups: {}", "\"groups\" must be a list")]
    [InlineData("groups:\n  - name: [a]", "\"name\" must be a single value")]
    [InlineData("groups: [\n", "r.yml:")]
    public void Structural_errors_name_the_position_and_cause(string yaml, string expected)
    {
        var result = Check(yaml);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}
