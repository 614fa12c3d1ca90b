namespace Argus.Benchmarks.Data;

/// <summary>The shapes of node-exporter values that matter to compression.</summary>
public enum ValueKind : byte
{
    /// <summary>Monotonic integer counter (packets, interrupts).</summary>
    IntegerCounter,

    /// <summary>Counter growing in 0.01 steps (CPU seconds).</summary>
    CentiCounter,

    /// <summary>Byte gauge in multiples of 4096 (memory, filesystem).</summary>
    PageGauge,

    /// <summary>Full-precision float noise (load average, temperatures).</summary>
    FloatNoise,
}
