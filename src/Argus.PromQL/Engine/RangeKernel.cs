namespace Argus.PromQL.Engine;

/// <summary>Computes a function over one window; returns false when the window yields no sample.</summary>
internal delegate bool RangeKernel(RangeWindow window, out double result);
