using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Instrumentation.Metrics;

/// <summary>A child of a <see cref="CallbackFamily"/>: reads its value when written.</summary>
internal sealed class CallbackChild(Func<double> read) : IMetricChild
{
    public void WriteSamples(ExpositionWriter writer, string name, Label[] labels)
    {
        double value;
        try
        {
            value = read();
        }
#pragma warning disable CA1031 // A broken stats source must not take /metrics down with it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }
        writer.WriteSample(name, labels, value);
    }
}
