namespace Argus.PromQL.Testing;

/// <summary>What one slot of a value sequence holds.</summary>
public enum SlotKind : byte
{
    Empty,
    Float,
    Histogram,
}
