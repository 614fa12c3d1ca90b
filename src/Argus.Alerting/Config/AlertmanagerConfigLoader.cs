using Argus.Alerting.Inhibit;
using Argus.Alerting.Matchers;
using Argus.Alerting.Routing;
using Argus.Alerting.TimeIntervals;
using Argus.Config;
using Argus.Config.Yaml;
using Argus.Model.Labels;
using YamlDotNet.RepresentationModel;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Config;

/// <summary>
/// Loads Alertmanager configuration files (<c>alertmanager.yml</c>) strictly, as Alertmanager does:
/// unknown fields, duplicate keys, bad values and inconsistent references are errors that name
/// <c>file:line:column</c>. Secret files and template globs are not read here (Alertmanager reads them
/// when it notifies), so they need not exist at load time.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class AlertmanagerConfigLoader
{
    /// <exception cref="ConfigException">The file cannot be read or is invalid.</exception>
    public static AlertmanagerConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: {e.Message}", e) { FileName = path };
        }
        return Load(text, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Loads configuration text; <paramref name="fileName"/> names it in errors. Relative
    /// template and secret file paths are resolved against <paramref name="directory"/> when given.</summary>
    /// <exception cref="ConfigException">The text is invalid.</exception>
    public static AlertmanagerConfig Load(string yaml, string fileName, string? directory = null)
    {
        var source = YamlSource.Parse(yaml, fileName);
        var ctx = new ReaderContext(source, directory);
        if (source.Root is null)
        {
            throw source.FileError("no routes provided");
        }
        var map = source.Map(source.Root, "config.Config");

        // global first: receivers inherit from it.
        ctx.Global = map.Map("global", "config.GlobalConfig") is { } globalMap ? GlobalConfig.Read(ctx, globalMap) : GlobalConfig.Default;
        var routeNode = map.Take("route");
        var route = routeNode is null ? null : ReadRoute(ctx, routeNode);
        var inhibitRules = map.List("inhibit_rules", "[]config.InhibitRule", n => ReadInhibitRule(ctx, n));
        var receivers = map.List("receivers", "[]config.Receiver", n => Receiver.Read(ctx, n));
        var templates = (map.StringList("templates") ?? []).Select(ctx.ResolvePath).ToList();
        var muteIntervals = map.List("mute_time_intervals", "[]config.MuteTimeInterval", n => ReadNamedInterval(ctx, n, "mute time interval"));
        var timeIntervals = map.List("time_intervals", "[]config.TimeInterval", n => ReadNamedInterval(ctx, n, "time interval"));
        var tracing = map.Map("tracing", "tracing.TracingConfig") is { } tracingMap ? ReadTracing(ctx, tracingMap) : null;
        map.EnsureAllRead();

        var receiverNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var receiver in receivers)
        {
            if (!receiverNames.Add(receiver.Name))
            {
                throw map.ErrorAt("receivers", $"notification config name \"{receiver.Name}\" is not unique");
            }
        }
        if (route is null)
        {
            throw map.Error("no routes provided");
        }
        if (string.IsNullOrEmpty(route.Receiver))
        {
            throw map.ErrorAt("route", "root route must specify a default receiver");
        }
        if (route.Match.Count > 0 || route.MatchRe.Count > 0 || route.Matchers.Count > 0)
        {
            throw map.ErrorAt("route", "root route must not have any matchers");
        }
        if (route.MuteTimeIntervals.Count > 0)
        {
            throw map.ErrorAt("route", "root route must not have any mute time intervals");
        }
        if (route.ActiveTimeIntervals.Count > 0)
        {
            throw map.ErrorAt("route", "root route must not have any active time intervals");
        }
        CheckReceivers(source, route, receiverNames);

        var intervals = new Dictionary<string, NamedTimeInterval>(StringComparer.Ordinal);
        foreach (var (interval, what) in muteIntervals.Select(i => (i, "mute time interval")).Concat(timeIntervals.Select(i => (i, "time interval"))))
        {
            if (!intervals.TryAdd(interval.Name, interval))
            {
                throw map.ErrorAt(what == "time interval" ? "time_intervals" : "mute_time_intervals", $"{what} \"{interval.Name}\" is not unique");
            }
        }
        CheckTimeIntervals(source, route, intervals);

        return new AlertmanagerConfig
        {
            Global = ctx.Global,
            Route = Route.Build(route),
            RouteConfig = route,
            InhibitRules = inhibitRules,
            Receivers = receivers,
            Templates = templates,
            TimeIntervals = intervals,
            Tracing = tracing,
            Original = yaml,
        };
    }

    private static void CheckReceivers(YamlSource source, RouteConfig route, HashSet<string> names)
    {
        foreach (var child in route.Routes)
        {
            CheckReceivers(source, child, names);
        }
        if (!string.IsNullOrEmpty(route.Receiver) && !names.Contains(route.Receiver))
        {
            throw PlaceError(source, route, $"undefined receiver \"{route.Receiver}\" used in route");
        }
        foreach (var step in route.Escalation ?? [])
        {
            if (!names.Contains(step.Receiver))
            {
                throw PlaceError(source, step.Line, step.Column, $"undefined receiver \"{step.Receiver}\" used in escalation step");
            }
        }
        if (route.SilenceNotifications is { Receiver: { } silenceReceiver } subscription && !names.Contains(silenceReceiver))
        {
            throw PlaceError(source, subscription.Line, subscription.Column, $"undefined receiver \"{silenceReceiver}\" used in silence_notifications");
        }
    }

    private static void CheckTimeIntervals(YamlSource source, RouteConfig route, Dictionary<string, NamedTimeInterval> intervals)
    {
        foreach (var child in route.Routes)
        {
            CheckTimeIntervals(source, child, intervals);
        }
        foreach (var name in route.ActiveTimeIntervals.Concat(route.MuteTimeIntervals))
        {
            if (!intervals.ContainsKey(name))
            {
                throw PlaceError(source, route, $"undefined time interval \"{name}\" used in route");
            }
        }
    }

    private static ConfigException PlaceError(YamlSource source, RouteConfig route, string message) => PlaceError(source, route.Line, route.Column, message);

    private static ConfigException PlaceError(YamlSource source, int line, int column, string message) =>
        new($"{source.FileName}:{line}:{column}: {message}") { FileName = source.FileName, Line = line, Column = column };

    private static RouteConfig ReadRoute(ReaderContext ctx, YamlNode node)
    {
        var map = ctx.Source.Map(node, "config.Route");
        var groupBy = map.StringList("group_by");
        if (groupBy is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var all = false;
            foreach (var name in groupBy)
            {
                if (name == "...")
                {
                    all = true;
                    continue;
                }
                if (!LabelNames.IsValidUtf8Name(name))
                {
                    throw map.ErrorAt("group_by", $"invalid label name \"{name}\" in group_by list");
                }
                if (!seen.Add(name))
                {
                    throw map.ErrorAt("group_by", $"duplicated label \"{name}\" in group_by");
                }
            }
            if (all && seen.Count > 0)
            {
                throw map.ErrorAt("group_by", "cannot have wildcard group_by (`...`) and other labels at the same time");
            }
        }
        var match = ReadEqualMap(ctx, map, "match");
        var matchRe = ReadRegexMap(ctx, map, "match_re");
        var matchers = ReadMatchers(ctx, map, "matchers");
        var groupInterval = map.Duration("group_interval");
        if (groupInterval == TimeSpan.Zero)
        {
            throw map.ErrorAt("group_interval", "group_interval cannot be zero");
        }
        var repeatInterval = map.Duration("repeat_interval");
        if (repeatInterval == TimeSpan.Zero)
        {
            throw map.ErrorAt("repeat_interval", "repeat_interval cannot be zero");
        }
        var growth = map.Double("repeat_interval_growth");
        if (growth is { } g && (!double.IsFinite(g) || g < 1))
        {
            throw map.ErrorAt("repeat_interval_growth", $"repeat_interval_growth must be a number of at least 1, got {g.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        var maxRepeat = map.Duration("max_repeat_interval");
        if (maxRepeat is { } max && max <= TimeSpan.Zero)
        {
            throw map.ErrorAt("max_repeat_interval", "max_repeat_interval must be positive");
        }
        if (maxRepeat is { } cap && repeatInterval is { } repeat && cap < repeat)
        {
            throw map.ErrorAt("max_repeat_interval", "max_repeat_interval must not be shorter than repeat_interval");
        }
        var route = new RouteConfig
        {
            Receiver = map.String("receiver"),
            GroupBy = groupBy is { Count: > 0 } ? groupBy : null,
            Match = match,
            MatchRe = matchRe,
            Matchers = matchers,
            MuteTimeIntervals = map.StringList("mute_time_intervals") ?? [],
            ActiveTimeIntervals = map.StringList("active_time_intervals") ?? [],
            Continue = map.Bool("continue", false),
            GroupWait = map.Duration("group_wait"),
            GroupInterval = groupInterval,
            RepeatInterval = repeatInterval,
            Escalation = ReadEscalation(ctx, map),
            RepeatIntervalGrowth = growth,
            MaxRepeatInterval = maxRepeat,
            SilenceNotifications = ReadSilenceNotifications(ctx, map),
            Routes = map.List("routes", "[]*config.Route", n => ReadRoute(ctx, n)),
            Line = (int)node.Start.Line,
            Column = (int)node.Start.Column,
        };
        map.EnsureAllRead();
        return route;
    }

    /// <summary>
    /// Argus's <c>escalation</c>: a list of <c>{after, receiver}</c> whose delays are positive and strictly
    /// increasing; null when absent, so that the route inherits its parent's policy (<c>[]</c> switches it off).
    /// Receivers are checked with the route's own, once all receivers are known.
    /// </summary>
    private static List<EscalationStep>? ReadEscalation(ReaderContext ctx, YamlMap map)
    {
        if (map.Take("escalation") is not { } node)
        {
            return null;
        }
        var steps = new List<EscalationStep>();
        foreach (var item in ctx.Source.Sequence(node, "[]argus.EscalationStep"))
        {
            var step = ctx.Source.Map(item, "argus.EscalationStep");
            var after = step.Duration("after") ?? throw step.Error("escalation step needs after (a duration)");
            var receiver = step.String("receiver");
            step.EnsureAllRead();
            if (string.IsNullOrEmpty(receiver))
            {
                throw step.Error("escalation step needs a receiver");
            }
            if (after <= TimeSpan.Zero)
            {
                throw step.ErrorAt("after", "escalation step after must be positive");
            }
            if (steps.Count > 0 && after <= steps[^1].After)
            {
                throw step.ErrorAt("after", $"escalation steps must be in strictly increasing order of after, but {Argus.Model.Time.PromDuration.Format(after)} follows {Argus.Model.Time.PromDuration.Format(steps[^1].After)}");
            }
            steps.Add(new EscalationStep(after, receiver, (int)item.Start.Line, (int)item.Start.Column));
        }
        return steps;
    }

    /// <summary>Argus's <c>silence_notifications</c>: <c>receiver</c> (optional), <c>events</c> (a subset of
    /// created, expiring, expired; all when absent) and <c>expiring_before</c> (default 1h).</summary>
    private static SilenceNotificationConfig? ReadSilenceNotifications(ReaderContext ctx, YamlMap map)
    {
        if (map.Map("silence_notifications", "argus.SilenceNotifications") is not { } section)
        {
            return null;
        }
        var receiver = GlobalConfig.NullIfEmpty(section.String("receiver"));
        var eventNames = section.StringList("events");
        var expiringBefore = section.Duration("expiring_before");
        section.EnsureAllRead();
        var events = new List<SilenceEventKind>();
        foreach (var name in eventNames ?? ["created", "expiring", "expired"])
        {
            SilenceEventKind kind = name switch
            {
                "created" => SilenceEventKind.Created,
                "expiring" => SilenceEventKind.Expiring,
                "expired" => SilenceEventKind.Expired,
                _ => throw section.ErrorAt("events", $"unknown silence event \"{name}\" (expected created, expiring or expired)"),
            };
            if (events.Contains(kind))
            {
                throw section.ErrorAt("events", $"silence event \"{name}\" is listed twice");
            }
            events.Add(kind);
        }
        if (events.Count == 0)
        {
            throw section.ErrorAt("events", "silence_notifications needs at least one event");
        }
        if (expiringBefore is { } before && before <= TimeSpan.Zero)
        {
            throw section.ErrorAt("expiring_before", "expiring_before must be positive");
        }
        return new SilenceNotificationConfig
        {
            Receiver = receiver,
            Events = events,
            ExpiringBefore = expiringBefore ?? SilenceNotificationConfig.DefaultExpiringBefore,
            Line = (int)section.Node.Start.Line,
            Column = (int)section.Node.Start.Column,
        };
    }

    /// <summary><c>match</c>-style maps: classic label names to exact values.</summary>
    private static List<KeyValuePair<string, string>> ReadEqualMap(ReaderContext ctx, YamlMap map, string key) =>
        ReadLabelNameMap(ctx, map, key, "map[string]string", (_, v) => YamlSource.IsNull(v) ? string.Empty : ctx.Source.ScalarText(v, "string"));

    /// <summary><c>match_re</c>-style maps: classic label names to RE2 patterns; a missing (null)
    /// pattern is an error, an empty one matches only the empty value.</summary>
    private static List<KeyValuePair<string, string>> ReadRegexMap(ReaderContext ctx, YamlMap map, string key) =>
        ReadLabelNameMap(ctx, map, key, "config.MatchRegexps", (name, v) =>
        {
            if (YamlSource.IsNull(v))
            {
                throw ctx.Source.Error(v, $"invalid regexp value for \"{name}\": the value is empty (null)");
            }
            var pattern = ctx.Source.ScalarText(v, "config.Regexp");
            if (Argus.Model.Regex.Re2Regex.Validate(pattern) is { } error)
            {
                throw ctx.Source.Error(v, error);
            }
            return pattern;
        });

    /// <summary>
    /// The walk both map styles share: an optional section keyed by classic label names (checked
    /// here, in file order, so the first bad name is the one reported); only how a value is read
    /// and checked differs, which <paramref name="readValue"/> does given the label name.
    /// </summary>
    private static List<KeyValuePair<string, string>> ReadLabelNameMap(
        ReaderContext ctx, YamlMap map, string key, string goType, Func<string, YamlNode, string> readValue)
    {
        var section = map.Map(key, goType);
        var result = new List<KeyValuePair<string, string>>();
        if (section is null)
        {
            return result;
        }
        foreach (var (k, v) in section.Entries)
        {
            var name = ctx.Source.String(k);
            if (!LabelNames.IsValidLegacyName(name))
            {
                throw ctx.Source.Error(k, $"invalid label name \"{name}\"");
            }
            result.Add(new(name, readValue(name, v)));
        }
        section.MarkAllRead();
        return result;
    }

    /// <summary>A <c>matchers</c> list: each string holds one or more matchers; the result is sorted.</summary>
    private static List<LabelMatcher> ReadMatchers(ReaderContext ctx, YamlMap map, string key)
    {
        var node = map.Take(key);
        var result = new List<LabelMatcher>();
        if (node is null)
        {
            return result;
        }
        foreach (var item in ctx.Source.Sequence(node, "config.Matchers"))
        {
            var text = ctx.Source.ScalarText(item, "string");
            try
            {
                result.AddRange(MatcherParser.Parse(text));
            }
            catch (MatcherParseException e)
            {
                throw ctx.Source.Error(item, e.Message);
            }
        }
        result.Sort(MatcherParser.Compare);
        return result;
    }

    private static InhibitRule ReadInhibitRule(ReaderContext ctx, YamlNode node)
    {
        var map = ctx.Source.Map(node, "config.InhibitRule");
        var name = map.String("name");
        var source = Combine(ReadEqualMap(ctx, map, "source_match"), ReadRegexMap(ctx, map, "source_match_re"), ReadMatchers(ctx, map, "source_matchers"));
        var target = Combine(ReadEqualMap(ctx, map, "target_match"), ReadRegexMap(ctx, map, "target_match_re"), ReadMatchers(ctx, map, "target_matchers"));
        var equal = map.StringList("equal") ?? [];
        map.EnsureAllRead();
        foreach (var label in equal)
        {
            if (!LabelNames.IsValidUtf8Name(label))
            {
                throw map.ErrorAt("equal", $"invalid label name \"{label}\" in equal list");
            }
        }
        return new InhibitRule(name, source, target, equal);
    }

    private static List<LabelMatcher> Combine(List<KeyValuePair<string, string>> equal, List<KeyValuePair<string, string>> regex, List<LabelMatcher> matchers)
    {
        var result = new List<LabelMatcher>();
        result.AddRange(equal.Select(kv => new LabelMatcher(MatchType.Equal, kv.Key, kv.Value)));
        result.AddRange(regex.Select(kv => new LabelMatcher(MatchType.Regex, kv.Key, Route.AnchoredPattern(kv.Value))));
        result.AddRange(matchers);
        result.Sort(MatcherParser.Compare);
        return result;
    }

    private static NamedTimeInterval ReadNamedInterval(ReaderContext ctx, YamlNode node, string what)
    {
        var map = ctx.Source.Map(node, what == "time interval" ? "config.TimeInterval" : "config.MuteTimeInterval");
        var name = map.String("name") ?? string.Empty;
        var specs = map.List("time_intervals", "[]timeinterval.TimeInterval", n => ReadInterval(ctx, n));
        map.EnsureAllRead();
        if (name.Length == 0)
        {
            throw map.Error($"missing name in {what}");
        }
        return new NamedTimeInterval(name, specs);
    }

    private static TimeInterval ReadInterval(ReaderContext ctx, YamlNode node)
    {
        var source = ctx.Source;
        var map = source.Map(node, "timeinterval.TimeInterval");
        var times = ListOrNull(map, "times", n =>
        {
            var m = source.Map(n, "timeinterval.TimeRange");
            var start = m.String("start_time");
            var end = m.String("end_time");
            m.EnsureAllRead();
            return Syntax(m.Node, source, () => TimeIntervalSyntax.ParseTimeRange(start, end));
        });
        var weekdays = ListOrNull(map, "weekdays", n => Syntax(n, source, () => TimeIntervalSyntax.ParseWeekdayRange(source.String(n))));
        var days = ListOrNull(map, "days_of_month", n => Syntax(n, source, () => TimeIntervalSyntax.ParseDayOfMonthRange(source.String(n))));
        var months = ListOrNull(map, "months", n => Syntax(n, source, () => TimeIntervalSyntax.ParseMonthRange(source.String(n))));
        var years = ListOrNull(map, "years", n => Syntax(n, source, () => TimeIntervalSyntax.ParseYearRange(source.String(n))));
        TimeZoneInfo? location = null;
        if (map.Take("location") is { } locationNode)
        {
            location = Syntax(locationNode, source, () => TimeIntervalSyntax.ParseLocation(source.String(locationNode)));
        }
        map.EnsureAllRead();
        return new TimeInterval(times, weekdays, days, months, years, location);
    }

    /// <summary>A list that stays null when the key is absent: an absent field does not restrict.</summary>
    private static List<T>? ListOrNull<T>(YamlMap map, string key, Func<YamlNode, T> read) =>
        map.Take(key) is { } node ? map.Source.Sequence(node, "[]" + key).Select(read).ToList() : null;

    private static T Syntax<T>(YamlNode node, YamlSource source, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw source.Error(node, e.Message);
        }
    }

    private static TracingConfig ReadTracing(ReaderContext ctx, YamlMap map)
    {
        var config = new TracingConfig
        {
            ClientType = GlobalConfig.NullIfEmpty(map.String("client_type")) ?? "grpc",
            Endpoint = map.String("endpoint"),
            SamplingFraction = map.Double("sampling_fraction") ?? 0,
            Insecure = map.Bool("insecure", false),
            Headers = map.StringMap("headers") ?? [],
            Compression = map.String("compression"),
            Timeout = map.Duration("timeout") ?? TimeSpan.Zero,
            TlsConfig = ctx.TlsConfig(map, "tls_config"),
        };
        map.EnsureAllRead();
        if (config.ClientType is not ("grpc" or "http"))
        {
            throw map.ErrorAt("client_type", $"unknown tracing client type: {config.ClientType}");
        }
        if (config.Compression is not (null or "" or "gzip"))
        {
            throw map.ErrorAt("compression", $"invalid compression type {config.Compression} provided, valid options: gzip");
        }
        if (config.Endpoint is { Length: > 0 } endpoint && endpoint.Contains("://", StringComparison.Ordinal))
        {
            throw map.ErrorAt("endpoint", "endpoint must not contain a scheme, use host:port");
        }
        return config;
    }
}
