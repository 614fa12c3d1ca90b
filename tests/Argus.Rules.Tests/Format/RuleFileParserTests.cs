using Argus.Rules.Format;

namespace Argus.Rules.Tests.Format;

public sealed class RuleFileParserTests
{
    private static RuleFileParseResult Parse(string yaml, RuleFileOptions? options = null) => RuleFileParser.Parse(yaml, "r.yml", options);

    [Fact]
    public void A_valid_file_yields_groups_and_rules_with_every_field()
    {
        var result = Parse("""
            groups:
              - name: g
                interval: 30s
                query_offset: 1m
                limit: 5
                labels: { team: db }
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                    labels: { a: b }
                  - alert: Down
                    expr: up == 0
                    for: 2m
                    keep_firing_for: 1m
                    labels: { severity: page }
                    annotations: { summary: "{{ $labels.instance }} is down ({{ $value }})" }
            """);
        Assert.Empty(result.Errors);
        var group = Assert.Single(result.Groups);
        Assert.Equal("g", group.Name);
        Assert.Equal(TimeSpan.FromSeconds(30), group.Interval);
        Assert.Equal(TimeSpan.FromMinutes(1), group.QueryOffset);
        Assert.Equal(5, group.Limit);
        Assert.Equal("team", Assert.Single(group.Labels).Key);
        Assert.Equal(2, group.Rules.Count);
        Assert.Equal("job:up:sum", group.Rules[0].Record);
        Assert.False(group.Rules[0].IsAlerting);
        var alert = group.Rules[1];
        Assert.Equal("Down", alert.Alert);
        Assert.Equal(TimeSpan.FromMinutes(2), alert.For);
        Assert.Equal(TimeSpan.FromMinutes(1), alert.KeepFiringFor);
        Assert.Equal("{{ $labels.instance }} is down ({{ $value }})", Assert.Single(alert.Annotations).Value);
        Assert.Equal(11, alert.Line);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_not_only_the_first()
    {
        var result = Parse("""
            groups:
              - name: g
                rules:
                  - record: r
                    expr: rate(x)
                  - alert: A
                    expr: up
                    annotations: { s: "{{ $label.instance }}" }
                  - record: q
                    expr: "1"
                    for: 1m
            """);
        Assert.Equal(3, result.Errors.Count);
        Assert.StartsWith("r.yml:5:15: could not parse expression", result.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("r.yml:8:27: template for s does not parse", result.Errors[1], StringComparison.Ordinal);
        Assert.Equal("r.yml:11:9: invalid field 'for' in recording rule", result.Errors[2]);
    }

    [Fact]
    public void Templates_of_recording_rule_labels_are_not_parsed()
    {
        Assert.Empty(Parse("groups:\n  - name: g\n    rules:\n      - record: r\n        expr: '1'\n        labels: { a: '{{ oops' }").Errors);
    }

    [Fact]
    public void Merge_keys_and_aliases_are_resolved()
    {
        var result = Parse("""
            groups:
              - name: g
                rules:
                  - &base
                    alert: A
                    expr: up == 0
                    labels: { severity: page }
                  - <<: *base
                    alert: B
            """);
        Assert.Empty(result.Errors);
        var b = result.Groups[0].Rules[1];
        Assert.Equal("B", b.Alert);
        Assert.Equal("up == 0", b.Expr);
        Assert.Equal("page", Assert.Single(b.Labels).Value);
    }

    [Theory]
    [InlineData("ins-tance")]
    [InlineData("größe")]
    public void Label_names_are_utf8_by_default_and_legacy_on_request(string name)
    {
        var yaml = $"groups:\n  - name: g\n    rules:\n      - alert: a\n        expr: up\n        labels: {{ '{name}': x }}";
        Assert.Empty(Parse(yaml).Errors);
        Assert.Contains(Parse(yaml, new RuleFileOptions { LegacyNameValidation = true }).Errors, e => e.Contains($"invalid label name: {name}", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_fields_are_errors_unless_ignored()
    {
        const string Yaml = "groups:\n  - name: g\n    owner: me\n    rules: []";
        Assert.Equal("r.yml:3:5: field owner not found in rule group", Assert.Single(Parse(Yaml).Errors));
        Assert.Empty(Parse(Yaml, new RuleFileOptions { IgnoreUnknownFields = true }).Errors);
    }

    [Fact]
    public void Duplicate_rules_are_found_across_groups_by_name_and_labels()
    {
        var result = Parse("""
            groups:
              - name: a
                rules:
                  - { record: r, expr: "1" }
                  - { record: r, expr: "1", labels: { x: y } }
              - name: b
                rules:
                  - { record: r, expr: "2" }
                  - { record: r, expr: "3" }
            """);
        var duplicate = Assert.Single(DuplicateRuleFinder.Find(result.Groups));
        Assert.Equal("r", duplicate.Name);
        Assert.Empty(duplicate.Labels);
    }

    [Fact]
    public void Experimental_promql_syntax_needs_the_switch()
    {
        const string yaml = """
            groups:
              - name: g
                rules:
                  - record: filled
                    expr: a + fill(0) b
                  - record: anchored
                    expr: increase(x[5m] anchored)
            """;
        var off = Parse(yaml);
        Assert.Equal(2, off.Errors.Count);
        Assert.Contains("r.yml:5:", off.Errors[0], StringComparison.Ordinal);
        Assert.Contains("promql-binop-fill-modifiers", off.Errors[0], StringComparison.Ordinal);
        Assert.Contains("r.yml:7:", off.Errors[1], StringComparison.Ordinal);
        Assert.Contains("promql-extended-range-selectors", off.Errors[1], StringComparison.Ordinal);
        Assert.True(Parse(yaml, RuleFileOptions.Default with { ExperimentalPromqlSyntax = true }).IsValid);
    }
}
