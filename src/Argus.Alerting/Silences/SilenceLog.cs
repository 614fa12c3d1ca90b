using System.Buffers.Binary;
using Argus.Alerting.Alerts;

namespace Argus.Alerting.Silences;

/// <summary>
/// Durable storage of silences in a directory: <c>silences.snapshot</c> holds every silence at some point,
/// <c>silences.log</c> every change since, one record per change, fsynced before the change is acknowledged.
/// Both files are sequences of records: u32 payload length, u64 FNV-1a checksum of the payload, the payload
/// (<see cref="SilenceCodec"/>). A record is the full state of one silence, so replay keeps, per id, the
/// state with the latest update time; a torn or corrupt tail (a kill -9 mid-write) ends replay and is cut off.
/// Snapshots are written to a temporary file, fsynced and renamed over the old one; then the log is emptied.
/// </summary>
/// <remarks>Not thread-safe; <see cref="SilenceStore"/> serialises all calls.</remarks>
internal sealed class SilenceLog : IDisposable
{
    private const int HeaderSize = 12;
    private const int MaxRecordSize = 16 << 20;
    private readonly string _snapshotPath;
    private readonly string _logPath;
    private FileStream _log;

    private SilenceLog(string directory)
    {
        _snapshotPath = Path.Combine(directory, "silences.snapshot");
        _logPath = Path.Combine(directory, "silences.log");
        _log = null!;
    }

    /// <summary>Opens (creating) the files in <paramref name="directory"/> and returns what they hold.</summary>
    public static SilenceLog Open(string directory, out Dictionary<string, Silence> silences)
    {
        Directory.CreateDirectory(directory);
        var log = new SilenceLog(directory);
        silences = new Dictionary<string, Silence>(StringComparer.Ordinal);
        if (File.Exists(log._snapshotPath))
        {
            using var snapshot = new FileStream(log._snapshotPath, FileMode.Open, FileAccess.Read);
            ReadRecords(snapshot, silences, log._snapshotPath);
        }
        log._log = new FileStream(log._logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var validLength = ReadRecords(log._log, silences, log._logPath);
        if (validLength < log._log.Length)
        {
            // Cut the torn tail so that new records follow the last complete one.
            log._log.SetLength(validLength);
            log._log.Flush(flushToDisk: true);
        }
        log._log.Position = validLength;
        return log;
    }

    private static long ReadRecords(FileStream stream, Dictionary<string, Silence> silences, string path)
    {
        stream.Position = 0;
        Span<byte> header = stackalloc byte[HeaderSize];
        long valid = 0;
        while (true)
        {
            if (stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
            {
                return valid;
            }
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var checksum = BinaryPrimitives.ReadUInt64LittleEndian(header[4..]);
            if (length is <= 0 or > MaxRecordSize)
            {
                return valid;
            }
            var payload = new byte[length];
            if (stream.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length || Fnv64.Add(Fnv64.Offset, payload) != checksum)
            {
                return valid;
            }
            Silence silence;
            try
            {
                silence = SilenceCodec.Decode(payload);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException)
            {
                throw new InvalidDataException($"{path}: record at offset {valid} is not a valid silence: {e.Message}", e);
            }
            if (!silences.TryGetValue(silence.Id, out var known) || known.UpdatedAt <= silence.UpdatedAt)
            {
                silences[silence.Id] = silence;
            }
            valid = stream.Position;
        }
    }

    private static void WriteRecord(Stream stream, Silence silence)
    {
        var payload = SilenceCodec.Encode(silence);
        var record = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(4), Fnv64.Add(Fnv64.Offset, payload));
        payload.CopyTo(record, HeaderSize);
        stream.Write(record);
    }

    /// <summary>Appends one change and fsyncs it; when this returns the change survives a crash.</summary>
    public void Append(Silence silence)
    {
        WriteRecord(_log, silence);
        _log.Flush(flushToDisk: true);
    }

    /// <summary>Replaces the snapshot by <paramref name="silences"/> atomically, then empties the log.</summary>
    public void WriteSnapshot(IEnumerable<Silence> silences)
    {
        var temp = _snapshotPath + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            foreach (var silence in silences)
            {
                WriteRecord(stream, silence);
            }
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _snapshotPath, overwrite: true);
        // A crash before this point leaves the old log next to the new snapshot; replay keeps the newest
        // state per id, so applying it again changes nothing.
        _log.SetLength(0);
        _log.Position = 0;
        _log.Flush(flushToDisk: true);
    }

    public void Dispose() => _log.Dispose();
}
