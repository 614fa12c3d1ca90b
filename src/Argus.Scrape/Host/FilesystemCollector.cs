using System.Text;
using System.Text.RegularExpressions;
using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "filesystem" collector: size, free and available bytes and the read-only flag of
/// each mounted filesystem, skipping the same pseudo filesystems and mount points node_exporter skips.</summary>
internal sealed partial class FilesystemCollector : IHostMetricSource
{
    public string Name => "filesystem";

    [GeneratedRegex("^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|erofs|sysfs|tracefs)$")]
    private static partial Regex IgnoredFsTypes();

    [GeneratedRegex("^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)")]
    private static partial Regex IgnoredMountPoints();

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        var file = paths.ProcFile("mounts");
        var rows = new List<(Label[] Labels, double Size, double Free, double Avail, double ReadOnly, double Error)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file))
        {
            var fields = HostText.Fields(line);
            if (fields.Length < 4)
            {
                continue;
            }
            var device = Unescape(fields[0]);
            var mountPoint = Unescape(fields[1]);
            var fsType = fields[2];
            if (IgnoredFsTypes().IsMatch(fsType) || IgnoredMountPoints().IsMatch(mountPoint) || !seen.Add(mountPoint))
            {
                continue;
            }
            var readOnly = fields[3].Split(',').Contains("ro") ? 1 : 0;
            Label[] labels = [new("device", device), new("fstype", fsType), new("mountpoint", mountPoint)];
            try
            {
                var drive = new DriveInfo(mountPoint);
                rows.Add((labels, drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace, readOnly, 0));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                rows.Add((labels, double.NaN, double.NaN, double.NaN, readOnly, 1));
            }
        }
        Family(writer, rows, "node_filesystem_size_bytes", "Filesystem size in bytes.", r => r.Size, skipErrors: true);
        Family(writer, rows, "node_filesystem_free_bytes", "Filesystem free space in bytes.", r => r.Free, skipErrors: true);
        Family(writer, rows, "node_filesystem_avail_bytes", "Filesystem space available to non-root users in bytes.", r => r.Avail, skipErrors: true);
        Family(writer, rows, "node_filesystem_readonly", "Filesystem read-only status.", r => r.ReadOnly, skipErrors: true);
        Family(writer, rows, "node_filesystem_device_error", "Whether an error occurred while getting statistics for the given device.", r => r.Error, skipErrors: false);
    }

    private static void Family(ExpositionWriter writer, List<(Label[] Labels, double Size, double Free, double Avail, double ReadOnly, double Error)> rows,
        string name, string help, Func<(Label[] Labels, double Size, double Free, double Avail, double ReadOnly, double Error), double> value, bool skipErrors)
    {
        writer.WriteFamilyHeader(name, help, MetricType.Gauge);
        foreach (var row in rows)
        {
            if (!skipErrors || row.Error == 0)
            {
                writer.WriteSample(name, row.Labels, value(row));
            }
        }
    }

    /// <summary>/proc/mounts escapes space, tab, newline and backslash as 3-digit octal (<c>\040</c>).</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && IsOctal(text[i + 1]) && IsOctal(text[i + 2]) && IsOctal(text[i + 3]))
            {
                var digits = text.AsSpan(i + 1, 3);
                sb.Append((char)(((digits[0] - '0') * 64) + ((digits[1] - '0') * 8) + (digits[2] - '0')));
                i += 3;
            }
            else
            {
                sb.Append(text[i]);
            }
        }
        return sb.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
