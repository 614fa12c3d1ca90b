namespace Argus.Config.Relabeling;

/// <summary>
/// A growable character buffer over a per-thread array, so that relabeling can join source values
/// and expand templates without allocating. Owned by one call at a time on one thread; the
/// contents are valid until the next <see cref="Rent"/> on the same thread.
/// </summary>
internal ref struct CharBuffer
{
    [ThreadStatic]
    private static char[]? _threadFirst;

    [ThreadStatic]
    private static char[]? _threadSecond;

    private readonly bool _second;
    private char[] _array;
    private int _length;

    private CharBuffer(char[] array, bool second)
    {
        _array = array;
        _second = second;
        _length = 0;
    }

    /// <summary>Starts an empty buffer on one of this thread's two arrays (replacing what was in
    /// it); two buffers may be in use at once, e.g. a joined value and an expansion of it.</summary>
    public static CharBuffer Rent(bool second = false) =>
        second ? new(_threadSecond ??= new char[256], true) : new(_threadFirst ??= new char[256], false);

    public readonly int Length => _length;

    public readonly ReadOnlySpan<char> Span => _array.AsSpan(0, _length);

    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _array.Length)
        {
            var bigger = new char[Math.Max(_array.Length * 2, _length + text.Length)];
            _array.AsSpan(0, _length).CopyTo(bigger);
            _array = bigger;
            if (_second)
            {
                _threadSecond = bigger;
            }
            else
            {
                _threadFirst = bigger;
            }
        }
        text.CopyTo(_array.AsSpan(_length));
        _length += text.Length;
    }
}
