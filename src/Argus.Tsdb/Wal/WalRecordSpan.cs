namespace Argus.Tsdb.Wal;

/// <summary>Where one CRC-checked record's payload lies in a segment read into memory.</summary>
internal readonly record struct WalRecordSpan(WalRecordType Type, int Offset, int Length);
