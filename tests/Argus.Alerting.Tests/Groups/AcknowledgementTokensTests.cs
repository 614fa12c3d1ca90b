using System.Buffers.Text;
using Argus.Alerting.Groups;

namespace Argus.Alerting.Tests.Groups;

public sealed class AcknowledgementTokensTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-tokens-" + Guid.NewGuid().ToString("n"));
    private const string Group = "0123456789abcdef";

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_token_names_its_group_and_firing_set()
    {
        var tokens = AcknowledgementTokens.LoadOrCreate(_directory);
        var token = tokens.Create(Group, [3UL, 1UL, 2UL]);
        Assert.Equal(AcknowledgementTokenCheck.Valid, tokens.Verify(token, out var group, out var digest));
        Assert.Equal(Group, group);
        Assert.Equal(AcknowledgementTokens.Digest([1UL, 2UL, 3UL]), digest);
        Assert.NotEqual(AcknowledgementTokens.Digest([1UL, 2UL]), digest);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(500)]
    public void The_digest_is_sha256_of_the_sorted_distinct_fingerprints_whatever_their_number_and_source(int count)
    {
        // Issued tokens carry the digest, so it must not change: computed here the plain way, over little-endian bytes.
        var random = new Random(count);
        var fingerprints = Enumerable.Range(0, count).Select(_ => (ulong)random.NextInt64()).ToList();
        fingerprints.AddRange(fingerprints.Take(count / 3));
        var plain = fingerprints.Distinct().Order().SelectMany(BitConverter.GetBytes).ToArray();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(plain).AsSpan(0, 16));

        Assert.Equal(expected, AcknowledgementTokens.Digest(fingerprints));
        Assert.Equal(expected, AcknowledgementTokens.Digest(Lazily(fingerprints)));
        var tokens = AcknowledgementTokens.LoadOrCreate(_directory);
        Assert.Equal(AcknowledgementTokenCheck.Valid, tokens.Verify(tokens.Create(Group, fingerprints.Select(f => f)), out _, out var digest));
        Assert.Equal(expected, digest);
    }

    private static IEnumerable<ulong> Lazily(IEnumerable<ulong> values)
    {
        foreach (var value in values)
        {
            yield return value;
        }
    }

    [Fact]
    public void The_key_persists_in_the_storage_directory_readable_only_by_its_owner()
    {
        var token = AcknowledgementTokens.LoadOrCreate(_directory).Create(Group, [1UL]);
        Assert.Equal(AcknowledgementTokenCheck.Valid, AcknowledgementTokens.LoadOrCreate(_directory).Verify(token, out _, out _));
        var path = Path.Combine(_directory, AcknowledgementTokens.KeyFileName);
        Assert.Equal(32, new FileInfo(path).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void An_altered_token_or_one_from_another_key_has_a_bad_signature()
    {
        var tokens = AcknowledgementTokens.LoadOrCreate(_directory);
        var bytes = Base64Url.DecodeFromChars(tokens.Create(Group, [1UL]));
        bytes[9] ^= 1; // claim another firing set
        Assert.Equal(AcknowledgementTokenCheck.BadSignature, tokens.Verify(Base64Url.EncodeToString(bytes), out _, out _));
        bytes[9] ^= 1;
        bytes[0] ^= 1; // claim another group
        Assert.Equal(AcknowledgementTokenCheck.BadSignature, tokens.Verify(Base64Url.EncodeToString(bytes), out _, out _));
        var other = new AcknowledgementTokens(new byte[32]);
        Assert.Equal(AcknowledgementTokenCheck.BadSignature, other.Verify(tokens.Create(Group, [1UL]), out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token!")]
    [InlineData("AAAA")]
    public void Anything_else_is_malformed(string? token) =>
        Assert.Equal(AcknowledgementTokenCheck.Malformed, new AcknowledgementTokens(new byte[32]).Verify(token, out _, out _));

    [Fact]
    public void A_short_key_file_is_refused()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(Path.Combine(_directory, AcknowledgementTokens.KeyFileName), [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => AcknowledgementTokens.LoadOrCreate(_directory));
    }
}
