namespace Argus.Tsdb.Wal;

/// <summary>A WAL file read into memory with its checked records: those before the first damaged one, which
/// ends at <paramref name="ValidLength"/>; <paramref name="Damage"/> says what was wrong, or is null.</summary>
internal sealed record LoadedWalFile(string Path, byte[] Data, List<WalRecordSpan> Records, long ValidLength, string? Damage);
