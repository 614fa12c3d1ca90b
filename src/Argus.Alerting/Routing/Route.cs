using System.Text;
using Argus.Alerting.Matchers;
using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Routing;

/// <summary>
/// A node of the routing tree with its effective settings: receiver, grouping and timing are inherited
/// from the parent unless the node sets them; matchers, <c>continue</c> and time intervals are the
/// node's own. An alert enters at the root (which matches everything) and descends into the first
/// matching child, also into later siblings while the matching child has <c>continue: true</c>.
/// </summary>
/// <remarks>Immutable after <see cref="Build"/>; thread-safe.</remarks>
public sealed class Route
{
    /// <summary>Alertmanager's defaults for settings nobody sets.</summary>
    public static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    private readonly List<Route> _routes = [];

    private Route(Route? parent, int index, RouteConfig config)
    {
        Parent = parent;
        Index = index;
        Config = config;
        Receiver = !string.IsNullOrEmpty(config.Receiver) ? config.Receiver : parent?.Receiver ?? string.Empty;
        if (config.GroupBy is { Count: > 0 } groupBy)
        {
            GroupByAll = groupBy.Contains("...");
            GroupBy = GroupByAll ? [] : groupBy.Distinct().Order(StringComparer.Ordinal).ToArray();
        }
        else
        {
            GroupByAll = parent?.GroupByAll ?? false;
            GroupBy = parent?.GroupBy ?? [];
        }
        GroupWait = config.GroupWait ?? parent?.GroupWait ?? DefaultGroupWait;
        GroupInterval = config.GroupInterval ?? parent?.GroupInterval ?? DefaultGroupInterval;
        RepeatInterval = config.RepeatInterval ?? parent?.RepeatInterval ?? DefaultRepeatInterval;
        Escalation = config.Escalation ?? parent?.Escalation ?? [];
        RepeatIntervalGrowth = config.RepeatIntervalGrowth ?? parent?.RepeatIntervalGrowth ?? 1;
        MaxRepeatInterval = config.MaxRepeatInterval ?? parent?.MaxRepeatInterval;
        SilenceNotifications = config.SilenceNotifications ?? parent?.SilenceNotifications;
        Continue = config.Continue;
        MuteTimeIntervals = config.MuteTimeIntervals;
        ActiveTimeIntervals = config.ActiveTimeIntervals;

        var matchers = new List<LabelMatcher>();
        matchers.AddRange(config.Match.Select(kv => new LabelMatcher(MatchType.Equal, kv.Key, kv.Value)));
        // Alertmanager turns match_re into a matcher on the anchored pattern it compiled, so that is
        // what route keys (and with them group keys) show: service=~"^(?:db|web)$".
        matchers.AddRange(config.MatchRe.Select(kv => new LabelMatcher(MatchType.Regex, kv.Key, AnchoredPattern(kv.Value))));
        matchers.AddRange(config.Matchers);
        matchers.Sort(MatcherParser.Compare);
        Matchers = matchers;
        Key = parent is null ? MatcherParser.Format(Matchers) : parent.Key + "/" + MatcherParser.Format(Matchers);
    }

    /// <summary>The pattern as Alertmanager compiles a <c>match_re</c> value: <c>^(?:pattern)$</c>.</summary>
    public static string AnchoredPattern(string pattern) => "^(?:" + pattern + ")$";

    /// <summary>Builds the routing tree from a validated configuration tree.</summary>
    public static Route Build(RouteConfig root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return BuildNode(null, 0, root);
    }

    private static Route BuildNode(Route? parent, int index, RouteConfig config)
    {
        var route = new Route(parent, index, config);
        for (var i = 0; i < config.Routes.Count; i++)
        {
            route._routes.Add(BuildNode(route, i, config.Routes[i]));
        }
        return route;
    }

    public Route? Parent { get; }

    /// <summary>Position among the parent's children (0 for the root).</summary>
    public int Index { get; }

    /// <summary>The configuration node this route was built from.</summary>
    public RouteConfig Config { get; }

    public IReadOnlyList<Route> Routes => _routes;

    public string Receiver { get; }

    /// <summary>Label names alerts are grouped by, sorted; empty with <see cref="GroupByAll"/>.</summary>
    public IReadOnlyList<string> GroupBy { get; }

    /// <summary><c>group_by: ['...']</c>: every alert label is a grouping label.</summary>
    public bool GroupByAll { get; }

    public TimeSpan GroupWait { get; }

    public TimeSpan GroupInterval { get; }

    public TimeSpan RepeatInterval { get; }

    public bool Continue { get; }

    /// <summary>The escalation policy (inherited): steps with strictly increasing delays; empty for none.</summary>
    public IReadOnlyList<EscalationStep> Escalation { get; }

    /// <summary>Factor by which each repeat of an unchanged notification waits longer (inherited; 1 = constant).</summary>
    public double RepeatIntervalGrowth { get; }

    /// <summary>Cap of the growing repeat interval (inherited); null for none.</summary>
    public TimeSpan? MaxRepeatInterval { get; }

    /// <summary>The silence-lifecycle subscription (inherited), or null.</summary>
    public SilenceNotificationConfig? SilenceNotifications { get; }

    /// <summary>The receiver silence-lifecycle notifications of this route go to, or null when it has no subscription.</summary>
    public string? SilenceNotificationReceiver => SilenceNotifications is { } s ? s.Receiver ?? Receiver : null;

    /// <summary>
    /// How long to wait before repeating a notification that was already repeated <paramref name="repeats"/> times
    /// in a row: <c>repeat_interval × repeat_interval_growth^repeats</c>, capped by <c>max_repeat_interval</c>.
    /// </summary>
    public TimeSpan RepeatIntervalAfter(int repeats)
    {
        if (repeats <= 0 || RepeatIntervalGrowth <= 1)
        {
            return MaxRepeatInterval is { } max && max < RepeatInterval ? max : RepeatInterval;
        }
        // Grow in double and clamp before converting, so that a long run of repeats cannot overflow TimeSpan.
        var ticks = RepeatInterval.Ticks * Math.Pow(RepeatIntervalGrowth, repeats);
        var cap = MaxRepeatInterval?.Ticks ?? TimeSpan.MaxValue.Ticks;
        return ticks >= cap ? TimeSpan.FromTicks(cap) : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>This node's own matchers (match, match_re and matchers together), sorted.</summary>
    public IReadOnlyList<LabelMatcher> Matchers { get; }

    /// <summary>Names of time intervals during which notifications from this route are muted (not inherited).</summary>
    public IReadOnlyList<string> MuteTimeIntervals { get; }

    /// <summary>Names of time intervals outside which notifications from this route are muted (not inherited).</summary>
    public IReadOnlyList<string> ActiveTimeIntervals { get; }

    /// <summary>Alertmanager's route key: the parent's key, <c>/</c>, and this node's matchers, e.g.
    /// <c>{}/{service="db"}</c>. Part of every aggregation group key.</summary>
    public string Key { get; }

    /// <summary>The key plus the position among siblings, unique in the tree (Alertmanager's route ID).</summary>
    public string Id => Parent is null ? Key : Key + "/" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when every matcher of this node accepts <paramref name="labels"/> (absent labels read as "").</summary>
    public bool Matches(LabelSet labels)
    {
        foreach (var m in Matchers)
        {
            if (!m.Matches(labels.Get(m.Name)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The routes an alert with <paramref name="labels"/> is delivered through, in tree order: empty when
    /// this node does not match, else the matches of the children (the first matching child, and the
    /// following ones while matching children have <c>continue</c>), or this node itself when no child matches.
    /// </summary>
    public IReadOnlyList<Route> Match(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var result = new List<Route>();
        MatchInto(labels, result);
        return result;
    }

    private bool MatchInto(LabelSet labels, List<Route> result)
    {
        if (!Matches(labels))
        {
            return false;
        }
        var before = result.Count;
        foreach (var child in _routes)
        {
            if (child.MatchInto(labels, result) && !child.Continue)
            {
                break;
            }
        }
        if (result.Count == before)
        {
            result.Add(this);
        }
        return true;
    }

    /// <summary>Visits this node and all descendants depth-first, parents before children.</summary>
    public void Walk(Action<Route> visit)
    {
        visit(this);
        foreach (var child in _routes)
        {
            child.Walk(visit);
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("route ").Append(Id).Append(" receiver=").Append(Receiver);
        return sb.ToString();
    }
}
