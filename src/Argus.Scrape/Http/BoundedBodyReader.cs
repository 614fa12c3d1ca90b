using System.Buffers;
using System.Globalization;

namespace Argus.Scrape.Http;

/// <summary>Reads a request body into a pooled buffer, refusing it as soon as it is known to exceed a limit
/// (from Content-Length before reading, otherwise while reading), so an oversized body is never held whole.</summary>
internal static class BoundedBodyReader
{
    /// <summary>Reads the body. The caller owns the returned array and must return it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    /// <exception cref="BodyTooLargeException">The body is larger than <paramref name="limit"/> bytes.</exception>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(ReceiverRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.Header("Content-Length") is { } lengthText &&
            long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared > limit)
        {
            throw new BodyTooLargeException(limit);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length);
                }
                length += read;
                if (length > limit)
                {
                    throw new BodyTooLargeException(limit);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
