using System.Diagnostics;
using System.Globalization;
using Argus.Instrumentation.Metrics;

namespace Argus.Instrumentation.Collectors;

/// <summary>
/// Publishes the standard <c>process_*</c> metrics of the current process, read at scrape time.
/// On Linux the values come from <c>/proc/self</c> exactly as Go's client computes them (CPU from
/// <c>utime+stime</c> in clock ticks, resident memory from pages, start time from boot time plus
/// start ticks, descriptor counts from <c>/proc/self/fd</c> and <c>/proc/self/limits</c>); elsewhere
/// from <see cref="Process"/>, without the descriptor metrics.
/// </summary>
public static class ProcessCollector
{
    // Linux reports /proc times in USER_HZ, which is 100 on every architecture Argus runs on;
    // Go's procfs makes the same assumption.
    private const double UserHz = 100;

    public static void Register(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/stat"))
        {
            RegisterFromProcfs(registry);
        }
        else
        {
            RegisterFromProcessApi(registry);
        }
    }

    private static void RegisterFromProcfs(MetricsRegistry registry)
    {
        var bootTimeSeconds = ReadBootTimeSeconds();
        var pageSize = Environment.SystemPageSize;
        registry.CallbackCounter("process_cpu_seconds_total", "User and system CPU time used by the process, in seconds.", () =>
        {
            var stat = ReadStat();
            return (stat.UserTicks + stat.SystemTicks) / UserHz;
        });
        registry.CallbackGauge("process_resident_memory_bytes", "Resident set size of the process, in bytes.",
            () => ReadStat().ResidentPages * (double)pageSize);
        registry.CallbackGauge("process_virtual_memory_bytes", "Virtual memory size of the process, in bytes.",
            () => ReadStat().VirtualBytes);
        registry.CallbackGauge("process_virtual_memory_max_bytes", "Limit on the process's virtual memory, in bytes.",
            () => ReadLimit("Max address space"));
        registry.CallbackGauge("process_start_time_seconds", "When the process started, in seconds since the Unix epoch.",
            () => bootTimeSeconds + ReadStat().StartTicks / UserHz);
        registry.CallbackGauge("process_open_fds", "Number of open file descriptors.",
            () => Directory.EnumerateFileSystemEntries("/proc/self/fd").Count());
        registry.CallbackGauge("process_max_fds", "Soft limit on the number of open file descriptors.",
            () => ReadLimit("Max open files"));
    }

    private static void RegisterFromProcessApi(MetricsRegistry registry)
    {
        var startTime = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        registry.CallbackCounter("process_cpu_seconds_total", "User and system CPU time used by the process, in seconds.",
            () => CurrentProcess().TotalProcessorTime.TotalSeconds);
        registry.CallbackGauge("process_resident_memory_bytes", "Resident set size of the process, in bytes.",
            () => CurrentProcess().WorkingSet64);
        registry.CallbackGauge("process_virtual_memory_bytes", "Virtual memory size of the process, in bytes.",
            () => CurrentProcess().VirtualMemorySize64);
        registry.CallbackGauge("process_start_time_seconds", "When the process started, in seconds since the Unix epoch.",
            () => startTime);
    }

    private static Process CurrentProcess()
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        return process;
    }

    /// <summary>The fields of <c>/proc/self/stat</c> the collector needs.</summary>
    internal static ProcStat ReadStat() => ProcStat.Parse(File.ReadAllText("/proc/self/stat"));

    private static double ReadBootTimeSeconds()
    {
        foreach (var line in File.ReadLines("/proc/stat"))
        {
            if (line.StartsWith("btime ", StringComparison.Ordinal))
            {
                return double.Parse(line.AsSpan(6).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("/proc/stat has no btime line");
    }

    /// <summary>The soft limit named <paramref name="limitName"/> in <c>/proc/self/limits</c>;
    /// "unlimited" is reported as 2^64-1 as Go's client does.</summary>
    private static double ReadLimit(string limitName)
    {
        foreach (var line in File.ReadLines("/proc/self/limits"))
        {
            if (!line.StartsWith(limitName, StringComparison.Ordinal))
            {
                continue;
            }
            var fields = line[limitName.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields[0] == "unlimited"
                ? ulong.MaxValue
                : double.Parse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"/proc/self/limits has no \"{limitName}\" line");
    }
}
