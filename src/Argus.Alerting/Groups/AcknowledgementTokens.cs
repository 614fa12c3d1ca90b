using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace Argus.Alerting.Groups;

/// <summary>
/// Signed acknowledgement links: a token names a group and the set of its firing alerts when the notification was
/// sent, and is signed with HMAC-SHA256 under a secret key kept in the storage directory (<c>acknowledge.key</c>,
/// 32 random bytes, created on first use with owner-only permissions). Layout before base64url encoding: group id
/// (8 bytes), SHA-256 of the sorted firing fingerprints (first 16 bytes), HMAC-SHA256 of those 24 bytes (first 16
/// bytes). Carrying the digest lets the server tell a token for an older firing set (410 Gone) from a forged one.
/// </summary>
/// <remarks>Immutable after construction; thread-safe.</remarks>
public sealed class AcknowledgementTokens
{
    public const string KeyFileName = "acknowledge.key";

    private const int KeySize = 32;
    private const int DigestSize = 16;
    private const int MacSize = 16;
    private const int TokenSize = 8 + DigestSize + MacSize;

    private readonly byte[] _key;

    public AcknowledgementTokens(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < KeySize)
        {
            throw new ArgumentException($"an acknowledgement key needs at least {KeySize} bytes", nameof(key));
        }
        _key = (byte[])key.Clone();
    }

    /// <summary>Reads the key from <paramref name="directory"/>, creating it (durably) when it does not exist yet.</summary>
    /// <exception cref="InvalidDataException">the key file exists but is too short.</exception>
    public static AcknowledgementTokens LoadOrCreate(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, KeyFileName);
        if (!File.Exists(path))
        {
            var temp = path + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(RandomNumberGenerator.GetBytes(KeySize));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: false);
        }
        var key = File.ReadAllBytes(path);
        if (key.Length < KeySize)
        {
            throw new InvalidDataException($"{path}: acknowledgement key has {key.Length} bytes, expected {KeySize}");
        }
        return new AcknowledgementTokens(key);
    }

    /// <summary>The digest of a firing set that tokens carry: SHA-256 of the sorted fingerprints, cut to 16 bytes, as hex.</summary>
    public static string Digest(IEnumerable<ulong> firing)
    {
        ArgumentNullException.ThrowIfNull(firing);
        Span<byte> digest = stackalloc byte[DigestSize];
        WriteDigest(firing, digest);
        return Convert.ToHexStringLower(digest);
    }

    // Every notification of a group with firing alerts carries a token, so this avoids LINQ and intermediate arrays:
    // a mass flush creates thousands of tokens at once.
    private static void WriteDigest(IEnumerable<ulong> firing, Span<byte> digest)
    {
        // Up to 64 fingerprints are sorted on the stack; a larger group, or a set whose size is not known up front, in
        // an array.
        var array = firing.TryGetNonEnumeratedCount(out var count) ? null : firing.ToArray();
        count = array?.Length ?? count;
        Span<ulong> fingerprints = array ?? (count <= 64 ? stackalloc ulong[64] : new ulong[count]);
        fingerprints = fingerprints[..count];
        if (array is null)
        {
            var filled = 0;
            foreach (var fingerprint in firing)
            {
                fingerprints[filled++] = fingerprint;
            }
        }
        fingerprints.Sort();
        var distinct = 0;
        foreach (var fingerprint in fingerprints)
        {
            if (distinct == 0 || fingerprint != fingerprints[distinct - 1])
            {
                fingerprints[distinct++] = fingerprint;
            }
        }
        Span<byte> bytes = distinct <= 64 ? stackalloc byte[64 * 8] : new byte[distinct * 8];
        bytes = bytes[..(distinct * 8)];
        for (var i = 0; i < distinct; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[(i * 8)..], fingerprints[i]);
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        hash[..DigestSize].CopyTo(digest);
    }

    /// <summary>A token for group <paramref name="groupId"/> with <paramref name="firing"/> alerts firing.</summary>
    public string Create(string groupId, IEnumerable<ulong> firing)
    {
        if (!GroupId.IsWellFormed(groupId))
        {
            throw new ArgumentException($"not a group id: \"{groupId}\"", nameof(groupId));
        }
        Span<byte> token = stackalloc byte[TokenSize];
        BinaryPrimitives.WriteUInt64BigEndian(token, ulong.Parse(groupId, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        WriteDigest(firing, token.Slice(8, DigestSize));
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, token[..(8 + DigestSize)], mac);
        mac[..MacSize].CopyTo(token[(8 + DigestSize)..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Checks a token; when <see cref="AcknowledgementTokenCheck.Valid"/>, returns the group id and the digest
    /// (<see cref="Digest"/>) of the firing set it was issued for.</summary>
    public AcknowledgementTokenCheck Verify(string? token, out string groupId, out string firingDigest)
    {
        groupId = string.Empty;
        firingDigest = string.Empty;
        // TryDecodeFromChars throws on characters outside the alphabet, so check them first.
        if (string.IsNullOrEmpty(token) || token.Length > 2 * TokenSize || !Base64Url.IsValid(token))
        {
            return AcknowledgementTokenCheck.Malformed;
        }
        var bytes = new byte[TokenSize + 8];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != TokenSize)
        {
            return AcknowledgementTokenCheck.Malformed;
        }
        var expected = HMACSHA256.HashData(_key, bytes.AsSpan(0, 8 + DigestSize));
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, MacSize), bytes.AsSpan(8 + DigestSize, MacSize)))
        {
            return AcknowledgementTokenCheck.BadSignature;
        }
        groupId = BinaryPrimitives.ReadUInt64BigEndian(bytes).ToString("x16", CultureInfo.InvariantCulture);
        firingDigest = Convert.ToHexStringLower(bytes.AsSpan(8, DigestSize));
        return AcknowledgementTokenCheck.Valid;
    }
}
