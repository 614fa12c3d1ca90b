using Argus.Instrumentation.Exposition;
using Argus.Instrumentation.Metrics;

namespace Argus.Instrumentation.Collectors;

/// <summary>
/// Publishes .NET runtime metrics (garbage collector, allocations, thread pool, lock contention)
/// under <c>dotnet_</c>, the counterpart of Go's <c>go_</c> metrics, read at scrape time.
/// </summary>
public static class RuntimeCollector
{
    public static void Register(MetricsRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var collections = registry.CallbackFamily("dotnet_gc_collections_total",
            "Garbage collections since the process started, by generation.", MetricType.Counter, "generation");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            var g = generation;
            collections.Set(() => GC.CollectionCount(g), g.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        registry.CallbackGauge("dotnet_gc_heap_size_bytes", "Size of the managed heap after the last garbage collection, in bytes.",
            () => GC.GetGCMemoryInfo().HeapSizeBytes);
        registry.CallbackGauge("dotnet_gc_committed_bytes", "Memory committed by the garbage collector, in bytes.",
            () => GC.GetGCMemoryInfo().TotalCommittedBytes);
        registry.CallbackCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the process started.",
            () => GC.GetTotalAllocatedBytes());
        registry.CallbackCounter("dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection, in seconds.",
            () => GC.GetTotalPauseDuration().TotalSeconds);
        registry.CallbackGauge("dotnet_threadpool_threads", "Number of thread-pool threads.",
            () => ThreadPool.ThreadCount);
        registry.CallbackGauge("dotnet_threadpool_queue_length", "Work items queued to the thread pool and not yet started.",
            () => ThreadPool.PendingWorkItemCount);
        registry.CallbackCounter("dotnet_threadpool_completed_items_total", "Work items the thread pool has completed.",
            () => ThreadPool.CompletedWorkItemCount);
        registry.CallbackCounter("dotnet_monitor_lock_contentions_total", "Times a thread had to wait for a contended monitor lock.",
            () => Monitor.LockContentionCount);
    }
}
