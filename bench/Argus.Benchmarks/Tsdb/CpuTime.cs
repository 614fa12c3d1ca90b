using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Argus.Benchmarks.Tsdb;

/// <summary>
/// Process CPU time (user + system, all threads, from getrusage) spent per benchmark operation. On the shared
/// 2-core machine wall-clock means swing with the load of other work while the CPU a benchmark burns
/// does not, so the TSDB benchmarks record it next to BenchmarkDotNet's times (<see cref="CpuTimeColumn"/>).
/// </summary>
/// <remarks>Thread-safe. Keys are "method/param,param" as <see cref="CpuTimeColumn"/> builds them.</remarks>
internal static class CpuTime
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<double>> Samples = new(StringComparer.Ordinal);

    /// <summary>CPU time used by the process so far, in nanoseconds.</summary>
    public static long ProcessNanoseconds()
    {
        if (GetRUsage(0, out var usage) != 0)
        {
            return 0;
        }
        return ((usage.UserSeconds + usage.SystemSeconds) * 1_000_000_000L) + ((usage.UserMicroseconds + usage.SystemMicroseconds) * 1_000L);
    }

    /// <summary>Records <paramref name="nanoseconds"/> of CPU spent on <paramref name="operations"/> operations.</summary>
    public static void Record(string key, long nanoseconds, int operations) =>
        Samples.GetOrAdd(key, _ => []).Add(nanoseconds / (double)operations);

    /// <summary>Median CPU nanoseconds per operation recorded under <paramref name="key"/>, or null.</summary>
    public static double? Median(string key)
    {
        if (!Samples.TryGetValue(key, out var bag) || bag.IsEmpty)
        {
            return null;
        }
        var sorted = bag.ToArray();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, out RUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long IxRss;
        public long IdRss;
        public long IsRss;
        public long MinFlt;
        public long MajFlt;
        public long NSwap;
        public long InBlock;
        public long OuBlock;
        public long MsgSnd;
        public long MsgRcv;
        public long NSignals;
        public long NVcsw;
        public long NIvcsw;
    }
}
