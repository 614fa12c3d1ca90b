using System.Text;
using System.Xml;
using System.Xml.Linq;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Sns;

/// <summary>
/// AWS's Query protocol: a form-encoded POST of <c>Action</c>, <c>Version</c> and the action's parameters, signed with
/// SigV4, answered with XML. Shared by SNS <c>Publish</c> and STS <c>AssumeRole</c>.
/// </summary>
internal static class AwsQuery
{
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";

    /// <summary>Error codes AWS uses for throttling: the request may pass later.</summary>
    private static readonly HashSet<string> ThrottlingCodes =
        ["Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded"];

    /// <summary>The form body as Go's <c>url.Values.Encode</c> (and so the AWS SDK) writes it: sorted by name, space as '+'.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => FormEscape(p.Key) + "=" + FormEscape(p.Value)));

    /// <summary>POSTs the signed request and returns the answer whatever its status (network errors throw, retryable).</summary>
    public static async Task<HttpExchange> PostAsync(HttpClient client, Uri endpoint, IEnumerable<KeyValuePair<string, string>> parameters, AwsCredentials credentials,
        string region, string service, DateTimeOffset now, string integration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var body = Encode(parameters);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", FormContentType);
        var amzDate = SigV4Signer.AmzDate(now);
        var signed = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", FormContentType),
            new("Host", endpoint.IsDefaultPort ? endpoint.Host : endpoint.Authority),
            new("X-Amz-Date", amzDate),
        };
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            signed.Add(new("X-Amz-Security-Token", credentials.SessionToken));
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
        }
        var authorization = SigV4Signer.Authorization("POST", endpoint.AbsolutePath, endpoint.Query.TrimStart('?'), signed, bytes, credentials, region, service, now);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await HttpDelivery.ExchangeAsync(client, request, integration, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws for a failed answer: AWS's error code and message; 5xx and throttling are retryable.</summary>
    public static void EnsureSuccess(HttpExchange exchange, Uri endpoint, string integration)
    {
        if (exchange.IsSuccess)
        {
            return;
        }
        var (code, message) = Error(exchange.Body);
        var retryable = exchange.Status >= 500 || (code is not null && ThrottlingCodes.Contains(code));
        var details = code is null ? exchange.Body : $"{code}: {message}";
        if (details.Length > 1024)
        {
            details = details[..1024] + "…";
        }
        throw new NotifyException($"{integration}: {endpoint.GetLeftPart(UriPartial.Path)}: unexpected status code {exchange.Status}: {details}", retryable);
    }

    /// <summary>The text of the first element named <paramref name="localName"/> (any namespace) in an XML answer.</summary>
    public static string? Element(XDocument document, string localName) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    public static XDocument? ParseXml(string body)
    {
        try
        {
            return XDocument.Parse(body);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static (string? Code, string? Message) Error(string body) =>
        ParseXml(body) is { } doc ? (Element(doc, "Code"), Element(doc, "Message")) : (null, null);

    /// <summary>Go's <c>url.QueryEscape</c>: unreserved characters stay, space is '+', everything else %XX.</summary>
    private static string FormEscape(string value) => Rfc3986.Encode(value).Replace("%20", "+", StringComparison.Ordinal);
}
