namespace Argus.Scrape.Tests.Support;

/// <summary>What <see cref="FakeHttpServer"/> answers; a null content type sends no Content-Type header.</summary>
internal sealed record FakeHttpResponse(int Status, string? ContentType, byte[] Body, string? ContentEncoding = null, TimeSpan Delay = default)
{
    public static FakeHttpResponse Text(string body) =>
        new(200, "text/plain; version=0.0.4; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(body));

    public static FakeHttpResponse OpenMetrics(string body) =>
        new(200, "application/openmetrics-text; version=1.0.0; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(body));
}
