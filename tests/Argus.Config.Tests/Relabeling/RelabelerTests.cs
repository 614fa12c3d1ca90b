using Argus.Config.Relabeling;
using Argus.Model.Labels;

namespace Argus.Config.Tests.Relabeling;

public class RelabelerTests
{
    public static TheoryData<string, string[], RelabelConfig[], string[]?> Cases() => new()
    {
        {
            "replace copies a captured group into the target",
            ["a", "foo", "b", "bar"],
            [RelabelConfig.Create(sourceLabels: ["a"], regex: "f(.*)", targetLabel: "d", replacement: "ch${1}-ch${1}")],
            ["a", "foo", "b", "bar", "d", "choo-choo"]
        },
        {
            "replace joins several sources with the separator",
            ["a", "foo", "b", "bar"],
            [RelabelConfig.Create(sourceLabels: ["a", "b"], separator: "-", regex: "(.*)-(.*)", targetLabel: "c", replacement: "$2$1")],
            ["a", "foo", "b", "bar", "c", "barfoo"]
        },
        {
            "replace does nothing when the regex does not match",
            ["a", "foo"],
            [RelabelConfig.Create(sourceLabels: ["a"], regex: "x(.*)", targetLabel: "d")],
            ["a", "foo"]
        },
        {
            "replace regexes are fully anchored",
            ["a", "foobar"],
            [RelabelConfig.Create(sourceLabels: ["a"], regex: "foo", targetLabel: "d", replacement: "hit")],
            ["a", "foobar"]
        },
        {
            "replace with an empty result deletes the target",
            ["a", "foo", "d", "old"],
            [RelabelConfig.Create(sourceLabels: ["b"], targetLabel: "d")],
            ["a", "foo"]
        },
        {
            "replace with a target built from groups sets that label",
            ["a", "some-name=value"],
            [RelabelConfig.Create(sourceLabels: ["a"], regex: "some-([^=]+)=(.*)", targetLabel: "${1}", replacement: "$2")],
            ["a", "some-name=value", "name", "value"]
        },
        {
            "replace whose expanded target is not a valid name does nothing",
            ["a", "1abc"],
            [RelabelConfig.Create(sourceLabels: ["a"], regex: "(.*)", targetLabel: "${1}", replacement: "v", scheme: NameValidationScheme.Legacy)],
            ["a", "1abc"]
        },
        {
            "replace references to groups that do not exist expand to nothing",
            ["a", "foo"],
            [RelabelConfig.Create(sourceLabels: ["a"], regex: "(.*)", targetLabel: "${2}x", replacement: "$1$7")],
            ["a", "foo", "x", "foo"]
        },
        {
            "replace with an expanded target that is empty does nothing",
            ["a", "foo"],
            [RelabelConfig.Create(sourceLabels: ["b"], regex: "(.*)", targetLabel: "${1}", replacement: "v")],
            ["a", "foo"]
        },
        {
            "replace expands named groups and double dollars",
            ["a", "foo"],
            [RelabelConfig.Create(sourceLabels: ["a"], regex: "(?P<first>f)(o+)", targetLabel: "d", replacement: "${first}-$2-$$-$first")],
            ["a", "foo", "d", "f-oo-$-f"]
        },
        {
            "replace treats $1x as the missing group 1x",
            ["a", "foo"],
            [RelabelConfig.Create(sourceLabels: ["a"], regex: "(.*)", targetLabel: "d", replacement: "$1x-${1}x")],
            ["a", "foo", "d", "-foox"]
        },
        {
            "replace sets a static value when nothing is referenced",
            ["a", "foo"],
            [RelabelConfig.Create(targetLabel: "abc", replacement: "static")],
            ["a", "foo", "abc", "static"]
        },
        {
            "keep drops the set when the regex does not match",
            ["a", "foo"],
            [RelabelConfig.Create(RelabelAction.Keep, sourceLabels: ["a"], regex: "bar")],
            null
        },
        {
            "keep keeps the set when the regex matches",
            ["a", "foo"],
            [RelabelConfig.Create(RelabelAction.Keep, sourceLabels: ["a"], regex: "f.*")],
            ["a", "foo"]
        },
        {
            "drop drops the set when the regex matches",
            ["a", "foo"],
            [RelabelConfig.Create(RelabelAction.Drop, sourceLabels: ["a"], regex: "f.*")],
            null
        },
        {
            "drop on a missing label matches the empty string",
            ["a", "foo"],
            [RelabelConfig.Create(RelabelAction.Drop, sourceLabels: ["b"], regex: "")],
            null
        },
        {
            "keepequal keeps the set when source and target are equal",
            ["a", "foo", "b", "foo"],
            [RelabelConfig.Create(RelabelAction.KeepEqual, sourceLabels: ["a"], targetLabel: "b")],
            ["a", "foo", "b", "foo"]
        },
        {
            "keepequal drops the set when source and target differ",
            ["a", "foo", "b", "bar"],
            [RelabelConfig.Create(RelabelAction.KeepEqual, sourceLabels: ["a"], targetLabel: "b")],
            null
        },
        {
            "dropequal drops the set when source and target are equal",
            ["a", "foo", "b", "foo"],
            [RelabelConfig.Create(RelabelAction.DropEqual, sourceLabels: ["a"], targetLabel: "b")],
            null
        },
        {
            "dropequal keeps the set when source and target differ",
            ["a", "foo", "b", "bar"],
            [RelabelConfig.Create(RelabelAction.DropEqual, sourceLabels: ["a"], targetLabel: "b")],
            ["a", "foo", "b", "bar"]
        },
        {
            "hashmod sets the md5-based bucket",
            ["a", "foo", "b", "bar", "c", "baz"],
            [RelabelConfig.Create(RelabelAction.HashMod, sourceLabels: ["c"], targetLabel: "d", modulus: 1000)],
            ["a", "foo", "b", "bar", "c", "baz", "d", "976"]
        },
        {
            "hashmod hashes the joined source values",
            ["a", "foo", "b", "bar"],
            [RelabelConfig.Create(RelabelAction.HashMod, sourceLabels: ["a", "b"], targetLabel: "d", modulus: 1000)],
            ["a", "foo", "b", "bar", "d", "750"]
        },
        {
            "labelmap copies matching names through the replacement",
            ["__meta_x_one", "1", "__meta_x_two", "2", "other", "o"],
            [RelabelConfig.Create(RelabelAction.LabelMap, regex: "__meta_x_(.+)")],
            ["__meta_x_one", "1", "__meta_x_two", "2", "other", "o", "one", "1", "two", "2"]
        },
        {
            "labeldrop removes matching names",
            ["abc", "1", "abd", "2", "xyz", "3"],
            [RelabelConfig.Create(RelabelAction.LabelDrop, regex: "ab.")],
            ["xyz", "3"]
        },
        {
            "labelkeep removes names that do not match",
            ["abc", "1", "abd", "2", "xyz", "3"],
            [RelabelConfig.Create(RelabelAction.LabelKeep, regex: "ab.")],
            ["abc", "1", "abd", "2"]
        },
        {
            "lowercase writes the lower-cased value",
            ["a", "FoO"],
            [RelabelConfig.Create(RelabelAction.Lowercase, sourceLabels: ["a"], targetLabel: "b")],
            ["a", "FoO", "b", "foo"]
        },
        {
            "uppercase writes the upper-cased value",
            ["a", "FoO"],
            [RelabelConfig.Create(RelabelAction.Uppercase, sourceLabels: ["a"], targetLabel: "a")],
            ["a", "FOO"]
        },
        {
            "rules apply in order and a later rule sees earlier results",
            ["a", "foo"],
            [
                RelabelConfig.Create(sourceLabels: ["a"], targetLabel: "b", replacement: "x$1"),
                RelabelConfig.Create(RelabelAction.Keep, sourceLabels: ["b"], regex: "xfoo"),
            ],
            ["a", "foo", "b", "xfoo"]
        },
        {
            "regex dot matches a newline",
            ["a", "foo\nbar"],
            [RelabelConfig.Create(RelabelAction.Keep, sourceLabels: ["a"], regex: "foo.bar")],
            ["a", "foo\nbar"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Relabeling(string name, string[] input, RelabelConfig[] rules, string[]? expected)
    {
        Assert.NotEmpty(name);
        var result = Relabeler.Process(LabelSet.FromPairs(input), rules);
        if (expected is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Equal(LabelSet.FromPairs(expected), result);
        }
    }

    [Theory]
    [InlineData(RelabelAction.HashMod, null, null, "d", 0UL, null, "relabel configuration for hashmod requires non-zero modulus")]
    [InlineData(RelabelAction.HashMod, null, null, null, 8UL, null, "relabel configuration for hashmod action requires 'target_label' value")]
    [InlineData(RelabelAction.Replace, null, null, null, 0UL, null, "relabel configuration for replace action requires 'target_label' value")]
    [InlineData(RelabelAction.Lowercase, null, null, "a", 0UL, "bar", "'replacement' can not be set for lowercase action")]
    [InlineData(RelabelAction.KeepEqual, null, "foo", "a", 0UL, null, "keepequal action requires only 'source_labels' and `target_label`, and no other fields")]
    [InlineData(RelabelAction.LabelDrop, ";", null, "x", 0UL, null, "labeldrop action requires only 'regex', and no other fields")]
    [InlineData(RelabelAction.LabelKeep, ",", null, null, 0UL, null, "labelkeep action requires only 'regex', and no other fields")]
    public void Invalid_combinations_are_rejected(RelabelAction action, string? separator, string? regex, string? target, ulong modulus, string? replacement, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => RelabelConfig.Create(action, separator: separator, regex: regex, targetLabel: target, modulus: modulus, replacement: replacement));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_legacy_scheme_rejects_a_target_that_is_not_a_legacy_name()
    {
        var e = Assert.Throws<ArgumentException>(() => RelabelConfig.Create(targetLabel: "foo.bar", scheme: NameValidationScheme.Legacy));
        Assert.Equal("\"foo.bar\" is invalid 'target_label' for replace action", e.Message);
        Assert.Equal("foo.bar", RelabelConfig.Create(targetLabel: "foo.bar").TargetLabel);
    }

    [Fact]
    public void Keeping_and_dropping_with_one_source_does_not_allocate()
    {
        var rules = new[]
        {
            RelabelConfig.Create(RelabelAction.Keep, sourceLabels: ["job"], regex: "api|web"),
            RelabelConfig.Create(RelabelAction.Drop, sourceLabels: ["job", "instance"], regex: "web;.*:9090"),
            RelabelConfig.Create(RelabelAction.LabelDrop, regex: "__meta_.*"),
        };
        var input = LabelSet.FromPairs("job", "api", "instance", "a:80", "x", "y");
        var builder = new LabelSetBuilder(input);
        Relabeler.Process(builder, rules);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            builder.Reset(input);
            Assert.True(Relabeler.Process(builder, rules));
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
