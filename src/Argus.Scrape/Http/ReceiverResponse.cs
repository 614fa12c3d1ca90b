using System.Text;

namespace Argus.Scrape.Http;

/// <summary>What a push receiver answers: status code, content type and body.</summary>
public sealed record ReceiverResponse(int StatusCode, string ContentType, byte[] Body)
{
    public const string PlainText = "text/plain; charset=utf-8";

    /// <summary>An answer without body (204 No Content and the like).</summary>
    public static ReceiverResponse Empty(int statusCode) => new(statusCode, PlainText, []);

    /// <summary>A plain-text answer; errors end with a newline as Go's http.Error writes them.</summary>
    public static ReceiverResponse Text(int statusCode, string text) =>
        new(statusCode, PlainText, Encoding.UTF8.GetBytes(text.EndsWith('\n') ? text : text + "\n"));

    public string BodyText => Encoding.UTF8.GetString(Body);
}
