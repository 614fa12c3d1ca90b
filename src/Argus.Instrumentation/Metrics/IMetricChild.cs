using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Instrumentation.Metrics;

/// <summary>One labelled member of a metric family, able to write its own sample lines.</summary>
public interface IMetricChild
{
    /// <summary>Writes this child's samples under <paramref name="name"/> with <paramref name="labels"/>
    /// (the family's label names paired with this child's values).</summary>
    void WriteSamples(ExpositionWriter writer, string name, Label[] labels);
}
