using Argus.Config.Alerting;
using Argus.Config.Remote;
using Argus.Config.Storage;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Config;

/// <summary>
/// Loads <c>prometheus.yml</c> strictly, as Prometheus 3 does: unknown fields, duplicate keys,
/// bad durations, regexes and label names are errors naming file, line and column; defaults are
/// Prometheus'; <c>scrape_config_files</c> imports are read and validated against the main file's
/// <c>global</c> section. Service-discovery kinds Argus does not implement are rejected by name.
/// </summary>
public static class PrometheusConfigLoader
{
    /// <summary>Reads and loads <paramref name="path"/>; relative paths inside resolve against its directory.</summary>
    /// <exception cref="ConfigException">The file cannot be read or is invalid.</exception>
    public static PrometheusConfig LoadFile(string path, PrometheusConfigLoadOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read configuration file: {e.Message}", e) { FileName = path };
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return Load(text, path, directory, options);
    }

    /// <summary>Loads configuration text. <paramref name="fileName"/> is used in error messages;
    /// relative paths resolve against <paramref name="baseDirectory"/> when given (otherwise they
    /// are kept as written, and imports resolve against <paramref name="fileName"/>'s directory).</summary>
    /// <exception cref="ConfigException">The configuration is invalid.</exception>
    public static PrometheusConfig Load(string yaml, string fileName, string? baseDirectory = null) =>
        Load(yaml, fileName, baseDirectory, null);

    public static PrometheusConfig Load(string yaml, string fileName, string? baseDirectory, PrometheusConfigLoadOptions? options)
    {
        options ??= PrometheusConfigLoadOptions.Default;
        var source = YamlSource.Parse(yaml, fileName);
        var context = new ConfigContext(source, baseDirectory);
        var importDirectory = baseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? ".";
        if (source.Root is null)
        {
            return new PrometheusConfig { OriginalText = yaml, SourceFile = fileName, BaseDirectory = importDirectory };
        }
        var map = source.Map(source.Root, "config.Config");

        var global = map.Map("global", "config.GlobalConfig") is { } g ? GlobalConfig.Read(context, g, options.GetEnvironment) : GlobalConfig.Default;
        var scheme = global.MetricNameValidationScheme;
        var runtime = map.Map("runtime", "config.RuntimeConfig") is { } r ? RuntimeConfig.Read(r) : RuntimeConfig.Default;

        var ruleFiles = ReadPatterns(map, "rule_files", "invalid rule file path");
        var scrapeConfigFiles = ReadPatterns(map, "scrape_config_files", "invalid scrape config file path");

        var scrapeConfigs = new List<ScrapeConfig>();
        var jobNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in map.Take("scrape_configs") is { } s ? source.Sequence(s, "[]*config.ScrapeConfig") : [])
        {
            var job = ScrapeConfig.Read(context, node, global);
            if (!jobNames.TryAdd(job.JobName, "main config file"))
            {
                throw source.Error(JobNameNode(node), $"found multiple scrape configs with job name \"{job.JobName}\"");
            }
            scrapeConfigs.Add(job);
        }

        var alerting = map.Map("alerting", "config.AlertingConfig") is { } a ? AlertingConfig.Read(context, a, scheme) : AlertingConfig.Empty;
        var remoteWrite = ReadNamedList(map, "remote_write", "remote write", n => RemoteWriteConfig.Read(context, n, scheme), c => c.Name);
        var remoteRead = ReadNamedList(map, "remote_read", "remote read", n => RemoteReadConfig.Read(context, n), c => c.Name);
        var storage = map.Map("storage", "config.StorageConfig") is { } st ? StorageConfig.Read(st) : StorageConfig.Default;
        var tracing = map.Map("tracing", "config.TracingConfig") is { } t ? TracingConfig.Read(context, t) : null;
        var otlp = OtlpConfig.Default;
        if (map.Map("otlp", "config.OTLPConfig") is { } o)
        {
            otlp = OtlpConfig.Read(o);
            if (scheme == NameValidationScheme.Legacy && otlp.TranslationStrategy is OtlpConfig.NoTranslation or OtlpConfig.NoUtf8EscapingWithSuffixes)
            {
                throw o.ErrorAt("translation_strategy", $"OTLP translation strategy \"{otlp.TranslationStrategy}\" is not allowed when UTF8 is disabled");
            }
        }
        map.EnsureAllRead();

        if (options.AgentMode)
        {
            if (alerting.Alertmanagers.Count > 0 || alerting.AlertRelabelConfigs.Count > 0)
            {
                throw source.Error(map.PositionOf("alerting"), "field alerting is not allowed in agent mode");
            }
            if (ruleFiles.Count > 0)
            {
                throw source.Error(map.PositionOf("rule_files"), "field rule_files is not allowed in agent mode");
            }
            if (remoteRead.Count > 0)
            {
                throw source.Error(map.PositionOf("remote_read"), "field remote_read is not allowed in agent mode");
            }
        }

        foreach (var pattern in scrapeConfigFiles)
        {
            foreach (var file in FileGlob.Match(pattern, importDirectory))
            {
                ImportScrapeConfigs(file, global, Path.GetDirectoryName(file), jobNames, scrapeConfigs);
            }
        }

        return new PrometheusConfig
        {
            Global = global,
            Runtime = runtime,
            Alerting = alerting,
            RuleFiles = ruleFiles,
            ScrapeConfigFiles = scrapeConfigFiles,
            ScrapeConfigs = scrapeConfigs,
            Storage = storage,
            Tracing = tracing,
            RemoteWrite = remoteWrite,
            RemoteRead = remoteRead,
            Otlp = otlp,
            OriginalText = yaml,
            SourceFile = fileName,
            BaseDirectory = importDirectory,
        };
    }

    /// <summary>Reads one <c>scrape_config_files</c> import: a file holding only <c>scrape_configs</c>.</summary>
    private static void ImportScrapeConfigs(string file, GlobalConfig global, string? directory, Dictionary<string, string> jobNames, List<ScrapeConfig> into)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{file}: cannot read scrape config file: {e.Message}", e) { FileName = file };
        }
        var source = YamlSource.Parse(text, file);
        if (source.Root is null)
        {
            return;
        }
        var context = new ConfigContext(source, directory);
        var map = source.Map(source.Root, "config.ScrapeConfigs");
        foreach (var node in map.Take("scrape_configs") is { } s ? source.Sequence(s, "[]*config.ScrapeConfig") : [])
        {
            var job = ScrapeConfig.Read(context, node, global);
            if (jobNames.TryGetValue(job.JobName, out var first))
            {
                throw source.Error(JobNameNode(node), $"found multiple scrape configs with job name \"{job.JobName}\", first found in {first}");
            }
            jobNames[job.JobName] = $"\"{Path.GetFullPath(file)}\"";
            into.Add(job);
        }
        map.EnsureAllRead();
    }

    private static YamlNode JobNameNode(YamlNode scrapeConfig) =>
        scrapeConfig is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("job_name"), out var value) ? value : scrapeConfig;

    private static List<string> ReadPatterns(YamlMap map, string key, string message)
    {
        var result = new List<string>();
        if (map.Take(key) is not { } node)
        {
            return result;
        }
        foreach (var item in map.Source.Sequence(node, "[]string"))
        {
            var pattern = map.Source.String(item);
            if (!FileGlob.IsValidPattern(pattern))
            {
                throw map.Source.Error(item, $"{message} \"{pattern}\"");
            }
            result.Add(pattern);
        }
        return result;
    }

    private static List<T> ReadNamedList<T>(YamlMap map, string key, string what, Func<YamlNode, T> read, Func<T, string> name)
    {
        var result = new List<T>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (map.Take(key) is not { } node)
        {
            return result;
        }
        foreach (var item in map.Source.Sequence(node, key))
        {
            var config = read(item);
            var n = name(config);
            if (n.Length > 0 && !names.Add(n))
            {
                throw map.Source.Error(item, $"found multiple {what} configs with job name \"{n}\"");
            }
            result.Add(config);
        }
        return result;
    }
}
