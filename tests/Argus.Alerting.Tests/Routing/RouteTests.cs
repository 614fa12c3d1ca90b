using Argus.Alerting.Matchers;
using Argus.Alerting.Routing;
using Argus.Model.Labels;

namespace Argus.Alerting.Tests.Routing;

public sealed class RouteTests
{
    private static RouteConfig Node(string? receiver, string? matchers = null, bool @continue = false, params RouteConfig[] routes) => new()
    {
        Receiver = receiver,
        Matchers = matchers is null ? [] : MatcherParser.Parse(matchers),
        Continue = @continue,
        Routes = routes,
    };

    private static string Receivers(Route root, params string[] labels) =>
        string.Join(",", root.Match(LabelSet.FromPairs(labels)).Select(r => r.Receiver));

    [Fact]
    public void An_alert_descends_into_the_first_matching_child_only()
    {
        var root = Route.Build(Node("default", null, false,
            Node("a", "team=\"x\""),
            Node("b", "team=~\"x|y\"")));
        Assert.Equal("a", Receivers(root, "team", "x"));
        Assert.Equal("b", Receivers(root, "team", "y"));
        Assert.Equal("default", Receivers(root, "team", "z"));
    }

    [Fact]
    public void Continue_lets_matching_go_on_with_later_siblings()
    {
        var root = Route.Build(Node("default", null, false,
            Node("a", "team=\"x\"", @continue: true),
            Node("b", "severity=\"page\""),
            Node("c", "team=\"x\"")));
        Assert.Equal("a,b", Receivers(root, "team", "x", "severity", "page"));
        // b does not match, so matching continues past it to c.
        Assert.Equal("a,c", Receivers(root, "team", "x"));
    }

    [Fact]
    public void A_matching_child_hides_its_parent_and_a_non_matching_one_falls_back_to_it()
    {
        var root = Route.Build(Node("default", null, false,
            Node("db", "service=\"db\"", false,
                Node("db-pager", "severity=\"critical\""))));
        Assert.Equal("db-pager", Receivers(root, "service", "db", "severity", "critical"));
        Assert.Equal("db", Receivers(root, "service", "db", "severity", "warning"));
    }

    [Fact]
    public void Absent_labels_read_as_the_empty_string()
    {
        var root = Route.Build(Node("default", null, false, Node("unowned", "owner=\"\"")));
        Assert.Equal("unowned", Receivers(root, "service", "x"));
        Assert.Equal("default", Receivers(root, "owner", "me"));
    }

    [Fact]
    public void Settings_are_inherited_unless_a_node_overrides_them()
    {
        var config = new RouteConfig
        {
            Receiver = "root",
            GroupBy = ["alertname"],
            GroupWait = TimeSpan.FromSeconds(10),
            Routes =
            [
                new RouteConfig
                {
                    Matchers = MatcherParser.Parse("a=\"1\""),
                    RepeatInterval = TimeSpan.FromHours(1),
                    Routes = [new RouteConfig { Matchers = MatcherParser.Parse("b=\"2\""), GroupBy = ["..."], Receiver = "leaf" }],
                },
            ],
        };
        var root = Route.Build(config);
        Assert.Equal(Route.DefaultGroupInterval, root.GroupInterval);
        Assert.Equal(Route.DefaultRepeatInterval, root.RepeatInterval);
        var middle = root.Routes[0];
        Assert.Equal("root", middle.Receiver);
        Assert.Equal(["alertname"], middle.GroupBy);
        Assert.Equal(TimeSpan.FromSeconds(10), middle.GroupWait);
        Assert.Equal(TimeSpan.FromHours(1), middle.RepeatInterval);
        var leaf = Assert.Single(root.Match(LabelSet.FromPairs("a", "1", "b", "2")));
        Assert.Equal("leaf", leaf.Receiver);
        Assert.True(leaf.GroupByAll);
        Assert.Empty(leaf.GroupBy);
        Assert.Equal(TimeSpan.FromSeconds(10), leaf.GroupWait);
        Assert.Equal(TimeSpan.FromHours(1), leaf.RepeatInterval);
        Assert.Equal(Route.DefaultGroupInterval, leaf.GroupInterval);
    }

    [Fact]
    public void Time_intervals_and_continue_are_not_inherited()
    {
        var root = Route.Build(new RouteConfig
        {
            Receiver = "r",
            Routes =
            [
                new RouteConfig
                {
                    Matchers = MatcherParser.Parse("a=\"1\""),
                    Continue = true,
                    MuteTimeIntervals = ["nights"],
                    Routes = [new RouteConfig { Matchers = MatcherParser.Parse("b=\"2\"") }],
                },
            ],
        });
        var leaf = root.Routes[0].Routes[0];
        Assert.Empty(leaf.MuteTimeIntervals);
        Assert.False(leaf.Continue);
        Assert.Equal(["nights"], root.Routes[0].MuteTimeIntervals);
    }

    [Fact]
    public void Route_keys_chain_the_sorted_matchers_of_the_path()
    {
        var root = Route.Build(new RouteConfig
        {
            Receiver = "r",
            Routes =
            [
                new RouteConfig
                {
                    Match = [new("service", "db")],
                    Matchers = MatcherParser.Parse("{env=~\"prod|staging\"}"),
                    Routes = [new RouteConfig { Matchers = MatcherParser.Parse("owner!=\"x\"") }],
                },
                new RouteConfig { Matchers = MatcherParser.Parse("a=\"b\"") },
            ],
        });
        Assert.Equal("{}", root.Key);
        Assert.Equal("{}/{env=~\"prod|staging\",service=\"db\"}", root.Routes[0].Key);
        Assert.Equal("{}/{env=~\"prod|staging\",service=\"db\"}/{owner!=\"x\"}", root.Routes[0].Routes[0].Key);
        Assert.Equal("{}/{a=\"b\"}/1", root.Routes[1].Id);
        var regex = Route.Build(new RouteConfig { Receiver = "r", Routes = [new RouteConfig { MatchRe = [new("service", "db|web")] }] });
        Assert.Equal("{}/{service=~\"^(?:db|web)$\"}", regex.Routes[0].Key);
        Assert.True(regex.Routes[0].Matches(LabelSet.FromPairs("service", "web")));
        Assert.False(regex.Routes[0].Matches(LabelSet.FromPairs("service", "webx")));
    }

    [Fact]
    public void Walk_visits_parents_before_children()
    {
        var root = Route.Build(Node("r", null, false, Node("a", "x=\"1\"", false, Node("a1", "y=\"1\"")), Node("b", "x=\"2\"")));
        var seen = new List<string>();
        root.Walk(r => seen.Add(r.Receiver));
        Assert.Equal(["r", "a", "a1", "b"], seen);
    }
}
