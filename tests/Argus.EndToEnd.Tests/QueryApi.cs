using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Argus.EndToEnd.Tests;

/// <summary>Instant queries against any server speaking Prometheus' query API (Argus or Prometheus).</summary>
internal static class QueryApi
{
    /// <summary>The <c>data.result</c> of an instant query (at <paramref name="timeSeconds"/>, or now).</summary>
    public static async Task<JsonElement> QueryAsync(HttpClient http, string query, double? timeSeconds = null)
    {
        var url = "/api/v1/query?query=" + Uri.EscapeDataString(query) +
            (timeSeconds is { } t ? "&time=" + t.ToString("R", CultureInfo.InvariantCulture) : string.Empty);
        var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{http.BaseAddress}{url}: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    /// <summary>Polls until <paramref name="done"/> accepts the result; <paramref name="stillRunning"/> may
    /// fail the wait early (e.g. when a peer process died).</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient http, string query, Func<JsonElement, bool> done, Action? stillRunning = null, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            JsonElement result;
            try
            {
                result = await QueryAsync(http, query);
            }
            catch (Exception e) when (e is HttpRequestException || e.Message.Contains(" 503 ", StringComparison.Ordinal))
            {
                // The server is still starting: not listening yet, or answering 503 until it is ready.
                result = JsonDocument.Parse("[]").RootElement.Clone();
            }
            if (done(result))
            {
                return result;
            }
            stillRunning?.Invoke();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{http.BaseAddress}: query {query} never gave the expected result; last: {result}");
            }
            await Task.Delay(200);
        }
    }
}
