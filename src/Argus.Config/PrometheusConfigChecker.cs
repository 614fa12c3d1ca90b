using Argus.Config.Http;
using Argus.Config.Relabeling;
using Argus.Model.Labels;

namespace Argus.Config;

/// <summary>
/// The extra checks of <c>promtool check config</c> beyond loading: rule files named without a
/// wildcard exist, every file a client reads (TLS material, credentials, passwords, header files)
/// exists, and static targets are still valid host addresses after target relabeling.
/// </summary>
public static class PrometheusConfigChecker
{
    /// <summary>All problems found, each a sentence naming the file or target; empty when the check passes.</summary>
    public static IReadOnlyList<string> FindProblems(PrometheusConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        foreach (var pattern in config.RuleFiles)
        {
            if (!pattern.Contains('*', StringComparison.Ordinal) && FileGlob.Match(pattern, config.BaseDirectory).Count == 0)
            {
                problems.Add($"\"{pattern}\" does not point to an existing file");
            }
        }
        foreach (var job in config.ScrapeConfigs)
        {
            CheckHttpFiles(job.HttpClient, $"scrape config \"{job.JobName}\"", config.BaseDirectory, problems);
            foreach (var group in job.ServiceDiscovery.StaticConfigs)
            {
                foreach (var target in group.Targets)
                {
                    var labels = new LabelSetBuilder(group.Labels);
                    foreach (var label in target)
                    {
                        labels.Set(label.Name, label.Value);
                    }
                    labels.Set(LabelNames.Job, job.JobName);
                    labels.Set(LabelNames.Scheme, job.Scheme);
                    labels.Set(LabelNames.MetricsPath, job.MetricsPath);
                    CheckAddressAfterRelabel(labels, job.RelabelConfigs, problems);
                }
            }
        }
        foreach (var alertmanager in config.Alerting.Alertmanagers)
        {
            CheckHttpFiles(alertmanager.HttpClient, "alertmanager config", config.BaseDirectory, problems);
            foreach (var group in alertmanager.ServiceDiscovery.StaticConfigs)
            {
                foreach (var target in group.Targets)
                {
                    var labels = new LabelSetBuilder(group.Labels);
                    foreach (var label in target)
                    {
                        labels.Set(label.Name, label.Value);
                    }
                    labels.Set(LabelNames.Scheme, alertmanager.Scheme);
                    labels.Set("__alerts_path__", alertmanager.PathPrefix.TrimEnd('/') + "/api/v2/alerts");
                    CheckAddressAfterRelabel(labels, alertmanager.RelabelConfigs, problems);
                }
            }
        }
        foreach (var remote in config.RemoteWrite)
        {
            CheckHttpFiles(remote.HttpClient, $"remote write \"{remote.Url}\"", config.BaseDirectory, problems);
        }
        foreach (var remote in config.RemoteRead)
        {
            CheckHttpFiles(remote.HttpClient, $"remote read \"{remote.Url}\"", config.BaseDirectory, problems);
        }
        return problems;
    }

    /// <summary>Throws a <see cref="ConfigException"/> with the first problem, if any.</summary>
    public static void Check(PrometheusConfig config)
    {
        var problems = FindProblems(config);
        if (problems.Count > 0)
        {
            throw new ConfigException($"{config.SourceFile}: {problems[0]}") { FileName = config.SourceFile };
        }
    }

    private static void CheckAddressAfterRelabel(LabelSetBuilder labels, IReadOnlyList<RelabelConfig> rules, List<string> problems)
    {
        if (!Relabeler.Process(labels, rules))
        {
            return;
        }
        var address = labels.Get(LabelNames.Address);
        if (address.Contains('/', StringComparison.Ordinal))
        {
            problems.Add($"\"{address}\" is not a valid hostname");
        }
    }

    private static void CheckHttpFiles(HttpClientConfig http, string owner, string baseDirectory, List<string> problems)
    {
        void Exists(string? path, string what)
        {
            if (string.IsNullOrEmpty(path))
            {
                return;
            }
            var full = Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                problems.Add($"error checking {what} \"{path}\" of {owner}: file does not exist");
            }
        }
        Exists(http.TlsConfig.CaFile, "CA file");
        Exists(http.TlsConfig.CertFile, "client certificate file");
        Exists(http.TlsConfig.KeyFile, "client key file");
        Exists(http.Authorization?.CredentialsFile, "authorization credentials file");
        Exists(http.BasicAuth?.PasswordFile, "basic auth password file");
        Exists(http.BasicAuth?.UsernameFile, "basic auth username file");
        Exists(http.OAuth2?.ClientSecretFile, "oauth2 client secret file");
        foreach (var (_, values) in http.HttpHeaders)
        {
            foreach (var file in values.Files)
            {
                Exists(file, "header file");
            }
        }
    }
}
