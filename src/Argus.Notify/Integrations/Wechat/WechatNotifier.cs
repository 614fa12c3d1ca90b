using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Wechat;

/// <summary>
/// <c>wechatConfigs</c> (WeChat Work application messages): gets an access token with <c>corp_id</c> and the
/// API secret from <c>{api_url}gettoken</c>, keeps it until it expires, and posts the message to
/// <c>{api_url}message/send</c> for the agent and the users, parties and tags. WeChat reports failures in
/// the body (<c>errcode</c>); an expired or invalid token (40014, 42001) drops the cached one and is retried.
/// </summary>
public sealed class WechatNotifier : HttpNotifier<WechatConfig>
{
    /// <summary>Token errcodes after which a fresh token makes the retry succeed.</summary>
    private static readonly HashSet<long> TokenErrors = [40014, 42001];

    /// <summary>Errcodes of the API frequency limits and system busy: transient.</summary>
    private static readonly HashSet<long> TransientErrors = [-1, 45009, 45033];

    /// <summary>Renew a token this long before WeChat says it expires.</summary>
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;
    private DateTimeOffset _tokenExpiresAt;

    public WechatNotifier(WechatConfig config, HttpClient client, TimeProvider? time = null)
        : base(config, client)
    {
        _time = time ?? TimeProvider.System;
    }

    public override string Integration => "wechat";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var url = ConfigValues.AbsoluteUrl(Config.ApiUrl.Text + "message/send?access_token=" + Uri.EscapeDataString(token), "wechat api_url");
        var response = await HttpDelivery.PostJsonAsync(Client, url, body, Integration, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var code = JsonBodies.ReadCode(response, "errcode") ?? throw new NotifyException($"{Integration}: message/send answered without errcode: {response}", retryable: true);
        if (code == 0)
        {
            return;
        }
        var message = JsonBodies.ReadString(response, "errmsg") ?? string.Empty;
        if (TokenErrors.Contains(code))
        {
            await ForgetTokenAsync(token).ConfigureAwait(false);
            throw new NotifyException($"{Integration}: access token rejected (errcode {code}: {message})", retryable: true);
        }
        throw new NotifyException($"{Integration}: message/send failed with errcode {code}: {message}", TransientErrors.Contains(code));
    }

    /// <summary>The message/send body for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var content = new JsonObject { ["content"] = t.Expand("message", Config.Message) };
        var message = new JsonObject
        {
            ["touser"] = t.Expand("to_user", Config.ToUser),
            ["toparty"] = t.Expand("to_party", Config.ToParty),
            ["totag"] = t.Expand("to_tag", Config.ToTag),
            ["agentid"] = t.Expand("agent_id", Config.AgentId),
            ["msgtype"] = Config.MessageType,
            [Config.MessageType] = content,
            ["safe"] = "0",
        };
        return JsonBodies.Write(message);
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && _time.GetUtcNow() < _tokenExpiresAt)
            {
                return _token;
            }
            var secret = ConfigValues.SecretOrFile(Config.ApiSecret, Config.ApiSecretFile, "wechat api_secret") ?? string.Empty;
            var url = ConfigValues.AbsoluteUrl(
                Config.ApiUrl.Text + "gettoken?corpid=" + Uri.EscapeDataString(Config.CorpId) + "&corpsecret=" + Uri.EscapeDataString(secret),
                "wechat api_url");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            var body = await HttpDelivery.SendForBodyAsync(Client, request, Integration + " gettoken", TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            var code = JsonBodies.ReadCode(body, "errcode") ?? 0;
            var token = JsonBodies.ReadString(body, "access_token");
            if (code != 0 || string.IsNullOrEmpty(token))
            {
                var message = JsonBodies.ReadString(body, "errmsg") ?? body;
                // A wrong corp id or secret (40001, 40013) needs a config change; anything else may pass.
                throw new NotifyException($"{Integration}: gettoken failed with errcode {code}: {message}", TransientErrors.Contains(code));
            }
            var lifetime = TimeSpan.FromSeconds(JsonBodies.ReadCode(body, "expires_in") is { } seconds and > 0 ? seconds : 7200);
            _token = token;
            _tokenExpiresAt = _time.GetUtcNow() + lifetime - ExpiryMargin;
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private async Task ForgetTokenAsync(string token)
    {
        await _tokenLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_token == token)
            {
                _token = null;
            }
        }
        finally
        {
            _tokenLock.Release();
        }
    }
}
