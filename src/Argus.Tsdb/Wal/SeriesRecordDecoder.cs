using System.Runtime.CompilerServices;
using System.Text;
using Argus.Model.Labels;

namespace Argus.Tsdb.Wal;

/// <summary>
/// Decodes series records during replay. Consecutive records usually share most strings (metric name,
/// instance, job), so the decoder remembers the previous record's strings by position and their UTF-8
/// bytes: a string whose bytes equal those at the same position last time is reused without decoding or
/// hashing. New strings are interned. Records written from a <see cref="LabelSet"/> are sorted and
/// unique, so the set is built directly; anything else goes through <see cref="LabelSetBuilder"/>.
/// </summary>
/// <remarks>Not thread-safe: one per replay worker.</remarks>
internal sealed class SeriesRecordDecoder
{
    private const int MaxRemembered = 32;

    private readonly LabelSetBuilder _builder = new();
    private readonly string[] _strings = new string[MaxRemembered];
    private readonly byte[][] _bytes = new byte[MaxRemembered][];
    private readonly int[] _lengths = new int[MaxRemembered];

    /// <exception cref="FormatException">The payload is malformed.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SeriesRecord Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var id = reader.UVarint();
        var count = (int)reader.UVarint();
        if (count < 0 || count > payload.Length)
        {
            throw new FormatException($"series record {id} claims {count} labels");
        }
        var labels = new Label[count];
        var sortedUnique = true;
        for (var i = 0; i < count; i++)
        {
            var name = Next(ref reader, 2 * i);
            var value = Next(ref reader, (2 * i) + 1);
            labels[i] = new Label(name, value);
            if (value.Length == 0 || name.Length == 0 || (i > 0 && string.CompareOrdinal(labels[i - 1].Name, name) >= 0))
            {
                sortedUnique = false;
            }
        }
        if (sortedUnique)
        {
            return new SeriesRecord(id, LabelSet.FromSortedUnique(labels));
        }
        _builder.Reset();
        foreach (var label in labels)
        {
            _builder.Set(label.Name, label.Value);
        }
        return new SeriesRecord(id, _builder.Build());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string Next(ref PayloadReader reader, int position)
    {
        var bytes = reader.StringBytes();
        if (position >= MaxRemembered)
        {
            return Intern(bytes);
        }
        var previous = _bytes[position];
        if (previous is not null && _lengths[position] == bytes.Length && bytes.SequenceEqual(previous.AsSpan(0, bytes.Length)))
        {
            return _strings[position];
        }
        if (previous is null || previous.Length < bytes.Length)
        {
            _bytes[position] = previous = new byte[Math.Max(32, bytes.Length)];
        }
        bytes.CopyTo(previous);
        _lengths[position] = bytes.Length;
        return _strings[position] = Intern(bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            var n = Encoding.UTF8.GetChars(utf8, chars);
            return LabelStrings.Intern(chars[..n]);
        }
        return LabelStrings.Intern(Encoding.UTF8.GetString(utf8));
    }
}
