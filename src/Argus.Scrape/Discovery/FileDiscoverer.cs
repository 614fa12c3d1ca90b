using Argus.Config;
using Argus.Config.Discovery;
using Microsoft.Extensions.Logging;

namespace Argus.Scrape.Discovery;

/// <summary>
/// <c>file_sd_configs</c>: JSON or YAML files of target groups, matched by glob, re-read when a watched
/// directory changes and every refresh interval. Each group gets <c>__meta_filepath</c>. A file that cannot be
/// read or parsed keeps its last good groups (and the error is logged); a file that disappears loses them.
/// </summary>
public sealed class FileDiscoverer : ITargetDiscoverer
{
    private const string MetaFilePath = "__meta_filepath";

    private readonly FileSdConfig _config;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IReadOnlyList<TargetGroup>> _lastGood = new(StringComparer.Ordinal);
    private readonly List<FileSystemWatcher> _watchers = [];

    public FileDiscoverer(FileSdConfig config, int index, ILogger logger)
    {
        _config = config;
        _logger = logger;
        Key = $"file/{index}";
        foreach (var directory in config.Files.Select(Path.GetDirectoryName).Where(d => !string.IsNullOrEmpty(d)).Distinct())
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }
            var watcher = new FileSystemWatcher(directory!) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            watcher.Changed += (_, _) => Signal();
            watcher.Created += (_, _) => Signal();
            watcher.Deleted += (_, _) => Signal();
            watcher.Renamed += (_, _) => Signal();
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    public string Key { get; }

    public TimeSpan RefreshInterval => _config.RefreshInterval;

    public SemaphoreSlim? ChangeSignal { get; } = new(0, 1);

    public Task<IReadOnlyList<TargetGroup>> RefreshAsync(CancellationToken cancellationToken)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in _config.Files)
        {
            var directory = Path.GetDirectoryName(pattern) ?? ".";
            var name = Path.GetFileName(pattern);
            if (!Directory.Exists(directory))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(directory, name))
            {
                files.Add(file);
            }
        }
        foreach (var gone in _lastGood.Keys.Where(f => !files.Contains(f)).ToList())
        {
            _lastGood.Remove(gone);
        }
        foreach (var file in files)
        {
            try
            {
                var groups = TargetGroupParser.ParseFile(File.ReadAllText(file), file);
                _lastGood[file] = groups.Select(g => new TargetGroup
                {
                    Targets = g.Targets,
                    Labels = g.Labels.ToBuilder().Set(MetaFilePath, file).Build(),
                    Source = g.Source,
                }).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ConfigException)
            {
                _logger.LogError("file_sd: error reading {File}, keeping its previous targets: {Error}", file, e.Message);
            }
        }
        IReadOnlyList<TargetGroup> all = _lastGood.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToList();
        return Task.FromResult(all);
    }

    private void Signal()
    {
        if (ChangeSignal!.CurrentCount == 0)
        {
            try
            {
                ChangeSignal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
        ChangeSignal?.Dispose();
    }
}
