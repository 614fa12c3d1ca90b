using Argus.Config.Discovery;
using Argus.Model.Labels;

namespace Argus.Config.Tests.Discovery;

public class TargetGroupParserTests
{
    [Fact]
    public void A_json_file_sd_file_yields_groups_with_addresses_and_labels()
    {
        var groups = TargetGroupParser.ParseFile("""
            [
              {"targets": ["a:9100", "b:9100"], "labels": {"env": "prod"}},
              {"targets": ["c:9100"]}
            ]
            """, "targets.json");
        Assert.Equal(2, groups.Count);
        Assert.Equal(["a:9100", "b:9100"], groups[0].Addresses);
        Assert.Equal(LabelSet.FromPairs("env", "prod"), groups[0].Labels);
        Assert.Equal("targets.json:1", groups[1].Source);
    }

    [Fact]
    public void A_yaml_file_sd_file_is_strict()
    {
        var e = Assert.Throws<ConfigException>(() => TargetGroupParser.ParseFile("- targats: [a:1]\n", "t.yml"));
        Assert.Equal("t.yml:1:3: field targats not found in type targetgroup.Group", e.Message);
    }

    [Fact]
    public void Other_extensions_are_rejected()
    {
        var e = Assert.Throws<ConfigException>(() => TargetGroupParser.ParseFile("[]", "targets.txt"));
        Assert.Contains("invalid file extension", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_label_name_is_rejected()
    {
        var e = Assert.Throws<ConfigException>(() => TargetGroupParser.ParseGroup("targets: [a:1]\nlabels: {'': x}\n", "g.yml"));
        Assert.Contains("is not a valid label name", e.Message, StringComparison.Ordinal);
    }
}
