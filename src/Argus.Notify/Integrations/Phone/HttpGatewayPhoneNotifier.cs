using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Phone;

/// <summary>
/// <c>provider: http</c> of <c>sms_configs</c> and <c>voice_configs</c>: a request to the gateway at <c>url</c> (or the
/// URL in <c>url_file</c>). Without a <c>body</c> it is Argus's JSON gateway request (kind, numbers, caller id, message,
/// status, receiver, group key) POSTed with <c>token</c> as bearer; with one, method, URL, headers and body are Go
/// templates over <see cref="PhoneTemplateData"/>. Any 2xx answer is success; 5xx and 429 are retried.
/// </summary>
public sealed class HttpGatewayPhoneNotifier : PhoneNotifier
{
    public HttpGatewayPhoneNotifier(PhoneGatewayConfig config, HttpClient client, PhoneContext context)
        : base(config, client, context)
    {
    }

    private protected override bool PerRecipient => Config.PerRecipient;

    private protected override async Task SendAsync(PhoneMessage message, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        using var request = Render(message, numbers);
        await HttpDelivery.SendForBodyAsync(Client, request, Integration, Config.Timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The gateway request to <paramref name="numbers"/>.</summary>
    private HttpRequestMessage Render(PhoneMessage message, IReadOnlyList<string> numbers)
    {
        var t = message.Templates;
        var data = TemplateData(message, numbers);
        var urlText = Config.UrlFile is { } file ? ConfigValues.ReadFile(file, Integration + " url_file") : Config.Url ?? string.Empty;
        var url = ConfigValues.AbsoluteUrl(t.Expand("url", urlText, data).Trim(), Integration + " url");
        var method = new HttpMethod(t.Expand("method", Config.Method, data).Trim().ToUpperInvariant());
        var request = new HttpRequestMessage(method, url);
        string? contentType = null;
        foreach (var (name, value) in Config.Headers)
        {
            var expanded = t.Expand("headers." + name, value, data);
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = expanded;
            }
            else if (!request.Headers.TryAddWithoutValidation(name, expanded))
            {
                throw new NotifyException($"{Integration}: header {name} cannot be set on a request", retryable: false);
            }
        }
        var token = ConfigValues.SecretOrFile(Config.Token, Config.TokenFile, Integration + " token");
        if (!string.IsNullOrEmpty(token) && request.Headers.Authorization is null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        var body = Config.Body is null ? DefaultBody(message, numbers) : t.Expand("body", Config.Body, data);
        if (Config.Body is not null || (method != HttpMethod.Get && method != HttpMethod.Head))
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json; charset=utf-8");
        }
        return request;
    }

    /// <summary>Argus's gateway request: <c>{type, to, from?, message, status, receiver, groupKey}</c>.</summary>
    private string DefaultBody(PhoneMessage message, IReadOnlyList<string> numbers)
    {
        var body = new JsonObject
        {
            ["type"] = Integration,
            ["to"] = JsonBodies.Array(numbers),
        };
        body.AddIfNotEmpty("from", Config.From);
        body["message"] = message.Text;
        body["status"] = message.Templates.Data.Status;
        body["receiver"] = message.Request.Receiver;
        body["groupKey"] = message.Request.GroupKey;
        return JsonBodies.Write(body);
    }
}
