using Argus.Instrumentation.Exposition;

namespace Argus.Instrumentation.Metrics;

/// <summary>
/// The set of metric families a process exposes. Registering a name twice with the same kind and
/// label names returns the existing family (so a component re-created on reload keeps its series);
/// with a different kind or label names it throws.
/// </summary>
/// <remarks>
/// Thread-safe. Registration takes a lock; updating metrics never touches the registry.
/// <see cref="WriteTo"/> writes families sorted by name and children sorted by label values, so
/// output is stable between scrapes.
/// </remarks>
public sealed class MetricsRegistry
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly List<IMetricsCollector> _collectors = [];

    /// <summary>Adds <paramref name="family"/>, or returns the compatible family already registered under its name.</summary>
    public T Register<T>(T family)
        where T : MetricFamily
    {
        ArgumentNullException.ThrowIfNull(family);
        lock (_lock)
        {
            if (_families.TryGetValue(family.Name, out var existing))
            {
                if (!existing.IsCompatibleWith(family))
                {
                    throw new InvalidOperationException(
                        $"metric {family.Name} is already registered as a different kind ({existing.Type} with labels [{string.Join(", ", existing.LabelNames)}])");
                }
                return (T)existing;
            }
            _families.Add(family.Name, family);
            return family;
        }
    }

    public bool Unregister(string name)
    {
        lock (_lock)
        {
            return _families.Remove(name);
        }
    }

    public MetricFamily? Find(string name)
    {
        lock (_lock)
        {
            return _families.GetValueOrDefault(name);
        }
    }

    public Counter Counter(string name, string help) => CounterFamily(name, help).WithLabels();

    public CounterFamily CounterFamily(string name, string help, params string[] labelNames) =>
        Register(new CounterFamily(name, help, labelNames));

    public Gauge Gauge(string name, string help) => GaugeFamily(name, help).WithLabels();

    public GaugeFamily GaugeFamily(string name, string help, params string[] labelNames) =>
        Register(new GaugeFamily(name, help, labelNames));

    public Histogram Histogram(string name, string help, double[] upperBounds) =>
        HistogramFamily(name, help, upperBounds).WithLabels();

    public HistogramFamily HistogramFamily(string name, string help, double[] upperBounds, params string[] labelNames) =>
        Register(new HistogramFamily(name, help, upperBounds, labelNames));

    /// <summary>Publishes <paramref name="read"/> as an unlabelled gauge; re-registering replaces the callback.</summary>
    public void CallbackGauge(string name, string help, Func<double> read) =>
        CallbackFamily(name, help, MetricType.Gauge).Set(read);

    /// <summary>Publishes <paramref name="read"/> as an unlabelled counter; re-registering replaces the callback.</summary>
    public void CallbackCounter(string name, string help, Func<double> read) =>
        CallbackFamily(name, help, MetricType.Counter).Set(read);

    public CallbackFamily CallbackFamily(string name, string help, MetricType type, params string[] labelNames) =>
        Register(new CallbackFamily(name, help, type, labelNames));

    /// <summary>Adds a collector whose families are written after the registered ones on every scrape. Its
    /// family names must not be registered here too: the registry cannot see them before a scrape.</summary>
    public void RegisterCollector(IMetricsCollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        lock (_lock)
        {
            _collectors.Add(collector);
        }
    }

    /// <summary>Writes every registered family in name order, then each collector's families.</summary>
    public void WriteTo(ExpositionWriter writer)
    {
        MetricFamily[] families;
        IMetricsCollector[] collectors;
        lock (_lock)
        {
            families = [.. _families.Values];
            collectors = [.. _collectors];
        }
        foreach (var family in families)
        {
            family.WriteTo(writer);
        }
        foreach (var collector in collectors)
        {
            collector.WriteTo(writer);
        }
    }

    /// <summary>The whole exposition as a string (for tests and small endpoints).</summary>
    public string WriteToString()
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteTo(new ExpositionWriter(text));
        return text.ToString();
    }
}
