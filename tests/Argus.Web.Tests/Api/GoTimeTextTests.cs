using Argus.Web.Api.Json;

namespace Argus.Web.Tests.Api;

public sealed class GoTimeTextTests
{
    [Fact]
    public void Never_is_Go_zero_time() => Assert.Equal("0001-01-01T00:00:00Z", GoTimeText.Rfc3339Nano(null));

    [Fact]
    public void Fractions_are_trimmed_and_offsets_become_utc()
    {
        Assert.Equal("2023-11-14T22:13:20Z", GoTimeText.Rfc3339Nano(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)));
        Assert.Equal("2023-11-14T22:13:20.12Z", GoTimeText.Rfc3339Nano(new DateTimeOffset(2023, 11, 15, 0, 13, 20, 120, TimeSpan.FromHours(2))));
    }
}
